// kg explorer: search as you type, the ego network (Cytoscape.js), the SPARQL editor (CodeMirror).
// Every text from the server is set with textContent, never as HTML.
"use strict";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setUpSearch() {
  const input = document.getElementById("search");
  const list = document.getElementById("search-results");
  if (!input || !list) return;
  let timer = null;
  let asked = "";
  async function show() {
    const text = input.value.trim();
    asked = text;
    if (!text) { list.hidden = true; list.replaceChildren(); return; }
    const answer = await fetch("/api/search?" + new URLSearchParams({ q: text }));
    const hits = await answer.json();
    if (asked !== text) return; // a later keystroke has asked again
    list.replaceChildren(...hits.map(hit => {
      const item = element("li");
      const link = element("a");
      link.href = hit.url;
      link.append(element("span", "label", hit.label), element("span", "type", hit.type),
        element("span", "facts", hit.facts + (hit.facts === 1 ? " fact" : " facts")));
      item.append(link);
      return item;
    }));
    if (!hits.length) list.append(element("li", "none", "no match"));
    list.hidden = false;
  }
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(show, 120); });
  input.addEventListener("keydown", event => {
    if (event.key === "Escape") list.hidden = true;
    if (event.key === "ArrowDown") { const first = list.querySelector("a"); if (first) { event.preventDefault(); first.focus(); } }
  });
  document.addEventListener("click", event => { if (!event.target.closest("form.search")) list.hidden = true; });
}

const TYPE_COLOURS = { Person: "#1f5fbf", Organization: "#c2571a", Country: "#2e8540", Location: "#2e8540",
  City: "#2e8540", Group: "#8a3ab9", Event: "#b8860b" };

function setUpEgo() {
  const box = document.getElementById("ego");
  if (!box || typeof cytoscape !== "function") return;
  const form = document.getElementById("ego-filters");
  const panel = document.getElementById("ego-selected");
  const center = box.dataset.entity;
  const cy = cytoscape({
    container: box,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "width": 18, "height": 18, "background-color": node => TYPE_COLOURS[node.data("type")] || "#6b7688" } },
      { selector: "node[?center]", style: { "width": 30, "height": 30, "border-width": 3, "border-color": "#16202e" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f2a900" } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 9, "color": "#5b6576", "curve-style": "bezier",
          "target-arrow-shape": "triangle", "width": edge => 1 + Math.min(edge.data("weight"), 5),
          "line-color": "#b7c0cc", "target-arrow-color": "#b7c0cc", "text-rotation": "autorotate" } },
    ],
  });
  window.kgGraph = cy; // for the browser tests and the console
  function filters(id, radius) {
    const params = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...params]) if (!value) params.delete(key);
    params.set("id", id);
    if (radius !== undefined) params.set("radius", radius);
    return params;
  }
  async function load(id, radius, replace) {
    const answer = await fetch("/api/ego?" + filters(id, radius));
    const found = await answer.json();
    if (!answer.ok) { panel.hidden = false; panel.querySelector(".selected-label").textContent = found.error; return; }
    if (replace) cy.elements().remove();
    cy.add(found.elements.filter(e => cy.getElementById(e.data.id).empty()));
    cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true }).run();
    box.dataset.loaded = String(cy.nodes().length);
  }
  cy.on("tap", "node", event => {
    const node = event.target;
    panel.hidden = false;
    panel.dataset.node = node.id();
    panel.querySelector(".selected-label").textContent = node.data("label") + " (" + node.data("type") + ")";
    panel.querySelector("a.open").href = node.data("url");
  });
  panel.querySelector("button.expand").addEventListener("click", () => load(panel.dataset.node, 1, false));
  form.addEventListener("submit", event => { event.preventDefault(); load(center, undefined, true); });
  load(center, undefined, true);
}

function setUpEditor() {
  const area = document.getElementById("sparql");
  if (!area || typeof CodeMirror !== "function") return;
  CodeMirror.fromTextArea(area, { mode: "application/sparql-query", lineNumbers: true, matchBrackets: true });
}

document.addEventListener("DOMContentLoaded", () => { setUpSearch(); setUpEgo(); setUpEditor(); });
