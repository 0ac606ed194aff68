"""The explorer's routes: an ASGI app (Starlette) over one graph and its :class:`~kg.serve.catalog.Catalog`.

Pages are Jinja2 templates with autoescape on; scripts and styles are static files of
the package (``static/``, the vendored libraries included), and every response carries a
Content-Security-Policy that allows only those. Handlers are plain functions, which
Starlette runs in its thread pool; user SPARQL runs in worker processes, cut at ``timeout``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from kg.analysis import Filters
from kg.errors import KGError, QueryError, QueryTimeoutError, UsageError
from kg.serve import views
from kg.serve.catalog import Catalog

if TYPE_CHECKING:
    from rdflib import Graph
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["CSP", "create_app"]

_HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
_EXAMPLE = """SELECT ?who ?did ?whom WHERE {
  ?s ?p ?o . ?s a kgo:Person ; rdfs:label ?who . ?o rdfs:label ?whom . ?p rdfs:label ?did
}
LIMIT 100"""


def create_app(graph: Graph, catalog: Catalog, *, timeout: float, limit: int) -> Starlette:
    """The explorer and SPARQL endpoint over ``graph``.

    Args:
        graph: the graph user queries run on.
        catalog: what the pages show (:func:`kg.serve.catalog.load_catalog` of ``graph``).
        timeout: seconds a user query may run before its worker is killed.
        limit: the most rows (or triples) a user query returns.
    """
    import jinja2
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from kg.named_queries import named_queries

    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )
    queries = named_queries()

    def page(request: Request, name: str, status: int = 200, **context) -> Response:
        from starlette.responses import HTMLResponse

        context.setdefault("query", request.query_params.get("q", ""))
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status)

    def failure(request: Request, error: KGError) -> Response:
        status = 504 if isinstance(error, QueryTimeoutError) else 400 if error.exit_code == 2 else 500
        return page(request, "error.html", status, message=str(error), title="Error")

    def filters_from(request: Request) -> tuple[Filters, dict[str, str]]:
        given = {k: v.strip() for k, v in request.query_params.items() if v.strip()}
        confidence = given.get("min_confidence")
        try:
            minimum = float(confidence) if confidence is not None else None
        except ValueError:
            raise UsageError(f"minimum confidence {confidence!r} is not a number between 0 and 1") from None
        filters = Filters.parse(
            types=[given["type"]] if "type" in given else (),
            relations=[given["family"]] if "family" in given else (),
            since=given.get("since"),
            until=given.get("until"),
            min_confidence=minimum,
        )
        return filters, given

    def overview(request: Request) -> Response:
        try:
            filters, given = filters_from(request)
            summary = catalog.summary(filters)
        except KGError as error:
            return failure(request, error)
        types = sorted({info.type for info in catalog.base.entities.values()})
        return page(
            request,
            "overview.html",
            title="Overview",
            summary=summary,
            given=given,
            families=catalog.families(),
            types=types,
            link=lambda iri: views.link(catalog, iri),
            entity_id=catalog.entity_id,
            entity_url=views.entity_url,
        )

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "")
        return page(
            request,
            "search.html",
            title="Search",
            hits=catalog.search(text, limit=100),
            query=text,
            entity_url=views.entity_url,
        )

    def search_api(request: Request) -> Response:
        from starlette.responses import JSONResponse

        hits = catalog.search(request.query_params.get("q", ""), limit=20)
        return JSONResponse(
            [
                {
                    "id": h.id,
                    "label": h.label,
                    "type": h.type,
                    "facts": h.facts,
                    "matched": h.matched,
                    "url": views.entity_url(h.id),
                }
                for h in hits
            ]
        )

    def entity(request: Request) -> Response:
        iri = request.query_params.get("id", "")
        if iri not in catalog.base.entities:
            return page(request, "error.html", 404, message=f"no entity {iri!r} in the graph", title="Not found")
        facts = catalog.facts_of(iri)
        return page(
            request,
            "entity.html",
            title=catalog.base.entity_info(iri).label,
            entity=catalog.base.entity_info(iri),
            iri=iri,
            facts=len(facts),
            as_subject=views.grouped(catalog, [f for f in facts if f.subject == iri]),
            as_object=views.grouped(catalog, [f for f in facts if f.object == iri and f.subject != iri]),
            said=[views.fact_view(catalog, f) for f in facts if catalog.speaker(f) == iri],
            roles=catalog.roles_of(iri),
            entity_id=catalog.entity_id,
            entity_url=views.entity_url,
            families=catalog.families(),
        )

    def ego_api(request: Request) -> Response:
        from starlette.responses import JSONResponse

        from kg.communities import ego

        iri = request.query_params.get("id", "")
        if iri not in catalog.base.entities:
            return JSONResponse({"error": f"no entity {iri!r} in the graph"}, status_code=404)
        try:
            filters, _ = filters_from(request)
            radius = int(request.query_params.get("radius", "1"))
            if not 0 <= radius <= 3:
                raise UsageError(f"radius must be 0 to 3, not {radius}")
            projection = catalog.projection(filters)
        except ValueError:
            return JSONResponse({"error": "radius must be a whole number"}, status_code=400)
        except KGError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        if iri in projection:
            network = ego(projection, iri, radius=radius)
        else:  # every fact of the entity is filtered out: it stands alone
            import networkx as nx

            network = nx.DiGraph()
            info = catalog.base.entity_info(iri)
            network.add_node(iri, label=info.label, type=info.type, distance=0)
        return JSONResponse({"center": iri, "elements": views.ego_elements(catalog, network, iri)})

    def article(request: Request) -> Response:
        iri = request.query_params.get("id", "")
        if iri not in catalog.base.articles and not catalog.facts_in(iri):
            return page(request, "error.html", 404, message=f"no article {iri!r} in the graph", title="Not found")
        info = catalog.base.article_info(iri)
        return page(
            request,
            "article.html",
            title=info.title or iri,
            article=info,
            iri=iri,
            sentences=views.sentences_of(catalog, iri),
            facts=[views.fact_view(catalog, f) for f in catalog.facts_in(iri)],
        )

    def query(request: Request) -> Response:
        from starlette.responses import Response as Plain

        from kg.render import render_rows
        from kg.sparql import run_query

        params = request.query_params
        name = params.get("named", "")
        chosen = queries.get(name)
        text = chosen.text if chosen else params.get("sparql", "")
        values = {p.name: params[p.name] for p in chosen.parameters if params.get(p.name)} if chosen else {}
        result, error = None, None
        if text and ("run" in params or "format" in params):
            try:
                bindings = chosen.bindings(values) if chosen else {}
                result = run_query(graph, text, bindings=bindings, limit=limit, timeout=timeout)
            except KGError as failed:
                if "format" in params:
                    return failure(request, failed)
                error = str(failed)
        fmt = params.get("format")
        if result is not None and fmt in ("csv", "json"):
            rows = [dict(zip(result.columns, row)) for row in result.rows]
            if result.boolean is not None:
                rows = [{"boolean": result.boolean}]
            body = render_rows(rows, fmt, columns=result.columns or ("boolean",))
            media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
            filename = f"{name or 'query'}.{fmt}"
            return Plain(body, media_type=media, headers={"content-disposition": f'attachment; filename="{filename}"'})
        download = None
        if result is not None:
            kept = [(k, v) for k, v in params.multi_items() if k not in ("format", "run")]
            download = {f: "/query?" + urlencode([*kept, ("format", f)]) for f in ("csv", "json")}
        return page(
            request,
            "query.html",
            title="Query",
            named=queries,
            chosen=chosen,
            values=values,
            sparql=text or _EXAMPLE,
            result=result,
            error=error,
            limit=limit,
            download=download,
            cell=lambda value: _cell(catalog, value),
        )

    async def sparql(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        text, problem = await _protocol_query(request)
        if problem is not None:
            return problem
        return await run_in_threadpool(_protocol_answer, request, graph, text, timeout=timeout, limit=limit)

    app = Starlette(
        routes=[
            Route("/", overview),
            Route("/search", search),
            Route("/api/search", search_api),
            Route("/entity", entity),
            Route("/api/ego", ego_api),
            Route("/article", article),
            Route("/query", query),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
        ],
    )
    return _Headers(app)


def _cell(catalog: Catalog, value: str | None) -> dict[str, str] | None:
    """A result value for the table: an entity (its IRI, or a label only it has) as a link to its page."""
    if value is None:
        return None
    if value in catalog.base.entities:
        return {"text": catalog.base.entity_info(value).label, "url": views.entity_url(value), "title": value}
    named = catalog.entity_id(value)
    if named is not None:
        return {"text": value, "url": views.entity_url(named), "title": named}
    if value in catalog.base.articles:
        title = catalog.base.article_info(value).title or value
        return {"text": title, "url": views.article_url(value), "title": value}
    return {"text": value, "url": "", "title": ""}


async def _protocol_query(request: Request) -> tuple[str, Response | None]:
    """The query text of a SPARQL 1.1 Protocol request, or the response that refuses it."""
    from urllib.parse import parse_qs

    from starlette.responses import PlainTextResponse

    def refuse(status: int, message: str) -> tuple[str, Response]:
        return "", PlainTextResponse(f"kg serve: {message}\n", status_code=status)

    params = dict(request.query_params)
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return refuse(403, "SPARQL Update is not allowed: the graph is read-only")
        if kind == "application/sparql-query":
            params["query"] = (await request.body()).decode("utf-8", errors="replace")
        elif kind == "application/x-www-form-urlencoded":
            # Parsed here: Starlette's form parser needs python-multipart, for forms of text alone too.
            body = (await request.body()).decode("utf-8", errors="replace")
            form = parse_qs(body, keep_blank_values=True)
            params.update({k: v[0] for k, v in form.items()})
            if form.get("default-graph-uri") or form.get("named-graph-uri"):
                return refuse(
                    400, "default-graph-uri and named-graph-uri are not supported: the endpoint serves one graph"
                )
        else:
            return refuse(415, f"unsupported content type {kind!r} (send application/sparql-query or a form)")
    if "update" in params:
        return refuse(403, "SPARQL Update is not allowed: the graph is read-only")
    if request.query_params.getlist("default-graph-uri") or request.query_params.getlist("named-graph-uri"):
        return refuse(400, "default-graph-uri and named-graph-uri are not supported: the endpoint serves one graph")
    if not params.get("query", "").strip():
        return refuse(400, "give a query (query=..., or POST application/sparql-query)")
    return params["query"], None


def _protocol_answer(request: Request, graph: Graph, text: str, *, timeout: float, limit: int) -> Response:
    from starlette.responses import PlainTextResponse, Response

    from kg.serve.protocol import FORMATS, answer

    accept = request.headers.get("accept", "")
    fmt = request.query_params.get("format")
    if fmt is not None:
        if fmt not in FORMATS:
            return PlainTextResponse(
                f"kg serve: unknown format {fmt!r} (choose from {', '.join(FORMATS)})\n", status_code=400
            )
        accept = FORMATS[fmt]
    try:
        found = answer(graph, text, accept=accept, limit=limit, timeout=timeout)
    except QueryError as error:
        status = 504 if isinstance(error, QueryTimeoutError) else 400 if error.exit_code == 2 else 500
        return PlainTextResponse(f"kg serve: {error}\n", status_code=status)
    headers = {"x-kg-truncated": "true"} if found.truncated else {}
    charset = "" if found.media_type.endswith("xml") else "; charset=utf-8"
    return Response(found.body, media_type=found.media_type + charset, headers=headers)


class _Headers:
    """ASGI middleware: the security headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in _HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in _HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)
