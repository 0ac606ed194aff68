"""The kg command under bad input, signals and hostile queries: one line, the right exit code, nothing lost.

Every case runs the real command in a subprocess, as a user or a scheduler would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-article.txt"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def kg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def run_kg(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    result = subprocess.run(
        kg_command(*args),
        capture_output=True,
        input=stdin,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )
    result.stdout, result.stderr = result.stdout.decode(), result.stderr.decode()
    return result


def closed_port() -> int:
    """A local port nothing listens on: a request to it is made, and refused at once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *parts: str) -> str:
    """Exit ``code``, nothing on stdout, and exactly one ``kg: error:`` line holding ``parts`` on stderr."""
    lines = result.stderr.splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    assert result.stdout == ""
    return lines[0]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    made = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "archive.zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        "nul.txt": b"text\x00\x00\x01binary",
        "latin1.txt": "Le pr\xe9sident Macron a rencontr\xe9 Scholz.".encode("latin-1"),
        "utf16-no-bom.txt": "Macron met Scholz.".encode("utf-16-le"),
        "broken.jsonl": b'{"text": "Donald Trump met Emmanuel Macron."}\n{"text": "oops"\n',
        "bad.ttl": b"<http://x.org/a> <http://x.org/b> .",
        "bad.trig": b"<http://x.org/g> { <http://x.org/a> <http://x.org/b> <http://x.org/c> ",
        "bad.nq": b"<http://x.org/a> <http://x.org/b> <http://x.org/c> <http://x.org/g> <extra> .\n",
        "binary.ttl": b"\x89PNG\r\n\x1a\n\x00\x00",
        "good.ttl": b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + b"".join(b'<http://x.org/e%d> rdfs:label "entity %d" .\n' % (n, n) for n in range(400)),
        "empty.html": b"<html><head><title>T</title><script>x()</script></head><body><nav>Home</nav></body></html>",
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    (folder / "no-text-files").mkdir()
    (folder / "no-text-files" / "notes.md").write_text("ignored", encoding="utf-8")
    (folder / "a-folder.ttl").mkdir()
    (folder / "query-folder.rq").mkdir()
    paths = {name: folder / name for name in made}
    paths.update({name: folder / name for name in ("no-text-files", "a-folder.ttl", "query-folder.rq")})
    return paths


BAD_INPUT = [
    ("missing-path", ["extract", "{missing.txt}"], 2, "missing.txt: no such file or folder"),
    ("empty-folder", ["extract", "{no-text-files}"], 2, "no-text-files: folder has no .txt or .html files"),
    ("empty-file", ["extract", "{empty.txt}"], 2, "empty.txt: file is empty"),
    ("blank-file", ["build", "{blank.txt}", "-o", "{out.ttl}"], 2, "blank.txt: file is empty"),
    ("image", ["extract", "{photo.txt}"], 2, "photo.txt: not a text file (a PNG image)"),
    ("zip", ["build", "{archive.zip}", "-o", "{out.ttl}"], 2, "archive.zip: not a text file (a ZIP archive"),
    ("nul-bytes", ["extract", "{nul.txt}"], 2, "nul.txt: not a text file (binary data: a NUL byte at offset 4"),
    ("latin-1", ["extract", "{latin1.txt}"], 2, "latin1.txt: not UTF-8 text (byte 0xE9 at offset 5, line 1)"),
    ("utf-16-no-bom", ["extract", "{utf16-no-bom.txt}"], 2, "UTF-16 text needs a byte-order mark"),
    ("html-no-text", ["extract", "{empty.html}"], 2, "empty.html: no article text in the HTML page"),
    ("jsonl-line", ["extract", "{broken.jsonl}"], 2, "broken.jsonl:2: invalid JSON (Expecting"),
    ("turtle", ["query", "{bad.ttl}", "ASK {}"], 2, "bad.ttl: not valid turtle ("),
    ("trig", ["query", "{bad.trig}", "ASK {}"], 2, "bad.trig: not valid trig ("),
    ("nquads", ["centrality", "{bad.nq}"], 2, "bad.nq: not valid nquads ("),
    ("binary-graph", ["query", "{binary.ttl}", "ASK {}"], 2, "binary.ttl: not valid turtle ("),
    ("missing-graph", ["query", "{missing.ttl}", "ASK {}"], 2, "missing.ttl: no such graph file"),
    ("folder-as-graph", ["query", "{a-folder.ttl}", "ASK {}"], 2, "a-folder.ttl: is a folder, not a graph file"),
    ("folder-as-query", ["query", "{good.ttl}", "-f", "{query-folder.rq}"], 2, "cannot read query (Is a directory)"),
    ("folder-as-output", ["build", str(SAMPLE), "-o", "{a-folder.ttl}"], 2, "is a folder; -o needs a file name"),
    ("sparql-syntax", ["query", "{good.ttl}", "SELECT ?x WHERE {"], 2, "SPARQL syntax error: "),
    ("sparql-update", ["query", "{good.ttl}", "DELETE WHERE { ?s ?p ?o }"], 2, "SPARQL Update (DELETE WHERE) is not"),
    ("sparql-construct", ["query", "{good.ttl}", "CONSTRUCT WHERE { ?s ?p ?o }"], 2, "only SELECT and ASK"),
    (
        "sparql-service",
        ["query", "{good.ttl}", "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"],
        2,
        "SERVICE <https://query.wikidata.org/sparql> would query a remote endpoint; kg query only reads the local "
        "graph (pass --allow-remote to allow it)",
    ),
    (
        "sparql-from",
        ["query", "{good.ttl}", "SELECT * FROM <https://example.org/other.ttl> { ?s ?p ?o }"],
        2,
        "FROM <https://example.org/other.ttl> names no graph in the local data",
    ),
    (
        "allowed-service-down",
        ["query", "{good.ttl}", "SELECT * { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }", "--allow-remote"],
        1,
        "query failed: ",
    ),
    ("query-timeout", ["query", "{good.ttl}", SLOW_QUERY, "--timeout", "1"], 1, "within the --timeout of 1 s"),
    ("query-format", ["query", "{good.ttl}", "ASK {}", "--format", "xml"], 2, "unknown --format 'xml'"),
    ("query-limit", ["query", "{good.ttl}", "ASK {}", "--limit", "-1"], 2, "--limit must be 0 or more"),
    ("query-timeout-zero", ["query", "{good.ttl}", "ASK {}", "--timeout", "0"], 2, "--timeout must be a positive"),
    ("bad-option", ["extract", "{empty.txt}", "--no-such-option"], 2, "No such option: --no-such-option"),
    ("missing-argument", ["extract"], 2, "Missing argument"),
    ("not-a-number", ["centrality", "{good.ttl}", "--top", "many"], 2, "Invalid value for '--top'"),
]


@pytest.mark.parametrize(("args", "code", "message"), [case[1:] for case in BAD_INPUT], ids=[c[0] for c in BAD_INPUT])
def test_reliability_bad_input_gives_one_line_and_exit_code(files, tmp_path, args, code, message):
    values = {f"{{{name}}}": str(path) for name, path in files.items()}
    values.update({"{missing.txt}": str(tmp_path / "missing.txt"), "{missing.ttl}": str(tmp_path / "missing.ttl")})
    values["{out.ttl}"] = str(tmp_path / "out.ttl")
    port = str(closed_port())
    started = time.monotonic()
    result = run_kg(*(values.get(a, a).replace("{port}", port) for a in args))
    assert_one_line_error(result, code, message)
    assert not (tmp_path / "out.ttl").exists()
    if "--timeout" in args and code == 1:
        assert time.monotonic() - started < 30


def test_reliability_stdin_that_is_not_utf8(files):
    assert_one_line_error(run_kg("extract", "-", stdin="caf\xe9".encode("latin-1")), 2, "<stdin>: not UTF-8 text")
    assert_one_line_error(run_kg("extract", "-", stdin=b" \n"), 2, "<stdin>: input is empty")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_reliability_unreadable_file(tmp_path):
    # Run as root (as in CI containers) this is skipped; tests/test_documents.py simulates it instead.
    path = tmp_path / "secret.txt"
    path.write_text("Putin met Xi.", encoding="utf-8")
    path.chmod(0)
    try:
        assert_one_line_error(run_kg("extract", str(path)), 2, "secret.txt: cannot read (Permission denied)")
    finally:
        path.chmod(0o644)


def test_reliability_debug_shows_the_traceback_and_keeps_the_exit_code(files):
    result = run_kg("--debug", "extract", str(files["latin1.txt"]))
    assert result.returncode == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("kg: error: ")


def test_reliability_an_unexpected_error_is_still_one_line(monkeypatch, capsys):
    from kg.cli import main

    def broken(*args, **kwargs):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr("kg.api.extract", broken)
    assert main(["extract", str(SAMPLE)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["kg: error: unexpected RuntimeError: something broke (kg --debug shows the traceback)"]


# --- inputs that must work -------------------------------------------------------------


@pytest.mark.model
def test_reliability_html_and_utf16_inputs_are_read(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>Paris talks</title>"
        "<script>document.write('Vladimir Putin met Kim Jong Un.')</script></head>"
        "<body><nav>Home | World</nav><article><h1>Paris talks</h1>"
        "<p>Donald Trump met Emmanuel Macron in Paris on Monday.</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes("Angela Merkel criticised Viktor Orban.".encode("utf-16"))
    result = run_kg("extract", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    pairs = {(r["doc"], r["subject"]["label"], r["object"]["label"]) for r in records}
    assert ("page", "Donald Trump", "Emmanuel Macron") in pairs
    assert ("utf16", "Angela Merkel", "Viktor Orban") in pairs
    assert not any("Kim Jong Un" in (r["subject"]["label"], r["object"]["label"]) for r in records)


@pytest.mark.model
@pytest.mark.parametrize("command", ["extract", "build"])
def test_reliability_skip_bad_goes_on_and_reports_one_line(files, tmp_path, command):
    args = [command, str(files["broken.jsonl"]), str(files["photo.txt"]), "--skip-bad"]
    if command == "build":
        args += ["-o", str(tmp_path / "out.ttl")]
    result = run_kg(*args)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("kg: warning: skipped 2 bad inputs (first: ")
    assert "broken.jsonl:2: invalid JSON" in warnings[0]
    if command == "extract":
        assert "Emmanuel Macron" in result.stdout
    else:
        assert "Emmanuel Macron" in (tmp_path / "out.ttl").read_text(encoding="utf-8")


def test_reliability_skip_bad_with_nothing_readable_fails(files):
    result = run_kg("extract", str(files["photo.txt"]), str(files["empty.txt"]), "--skip-bad")
    assert_one_line_error(result, 2, "no readable input: 2 bad inputs skipped (first: ")


@pytest.mark.model
def test_reliability_ten_megabyte_single_line_is_read_whole(tmp_path):
    first = "Joe Biden met Olaf Scholz in Berlin on Monday. "
    middle = "Donald Trump met Emmanuel Macron in Paris on Tuesday. "
    last = "Angela Merkel criticised Viktor Orban on Wednesday."
    # Cheap filler (one long token a sentence) keeps the parse fast; the length is what matters.
    filler = "Lorem" + "a" * 1994 + ". "
    half = (10 * 1024 * 1024 // len(filler)) // 2 + 1
    line = first + filler * half + middle + filler * half + last
    assert len(line) > 10 * 1024 * 1024
    path = tmp_path / "one-line.txt"
    path.write_text(line + "\n", encoding="utf-8")
    result = run_kg("extract", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(record) for record in result.stdout.splitlines()]
    pairs = {(r["subject"]["label"], r["object"]["label"]) for r in records}
    expected = {("Joe Biden", "Olaf Scholz"), ("Donald Trump", "Emmanuel Macron"), ("Angela Merkel", "Viktor Orban")}
    assert expected <= pairs
    for record in records:
        for argument in (record["subject"], record["object"]):
            assert line[argument["start"] : argument["end"]] == argument["text"]
    assert max(r["subject"]["start"] for r in records) > 10 * 1024 * 1024


@pytest.mark.model
def test_reliability_query_limit_caps_rows_with_a_note(files):
    result = run_kg("query", str(files["good.ttl"]), "SELECT ?s WHERE { ?s ?p ?o }", "--limit", "3", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1 + 3
    assert result.stderr.strip() == "kg: note: showed the first 3 rows (--limit); more matched"


# --- nothing lost: signals ------------------------------------------------------------


def _big_input(folder: Path) -> Path:
    """A few hundred kilobytes of news: a build of it runs for many seconds."""
    header, body = SAMPLE.read_text(encoding="utf-8").split("\n", 1)
    path = folder / "big.txt"
    path.write_text(header + "\n" + (body.strip() + "\n") * 40, encoding="utf-8")
    return path


def _wait_until_handled(process: subprocess.Popen, signum: int, timeout: float = 60) -> None:
    """Wait until ``process`` has installed its handler for ``signum`` (Linux: /proc), then a little more."""
    status = Path(f"/proc/{process.pid}/status")
    deadline = time.monotonic() + timeout
    while status.exists() and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        caught = next((line for line in status.read_text().splitlines() if line.startswith("SigCgt:")), None)
        if caught is not None and int(caught.split()[1], 16) >> (signum - 1) & 1:
            break
        time.sleep(0.05)
    else:
        time.sleep(3)  # no /proc: give the interpreter time to start
    time.sleep(3)  # well into the run: the model has loaded and the parser is busy


@pytest.mark.model
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"])
def test_reliability_interrupted_build_keeps_the_old_output(tmp_path, signum, code):
    source = _big_input(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    output = out / "graph.ttl"
    output.write_text("# the graph of yesterday\n", encoding="utf-8")
    process = subprocess.Popen(
        kg_command("build", str(source), "-o", str(output)), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        _wait_until_handled(process, signum)
        assert process.poll() is None, "the build ended before the signal: make the input bigger"
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == code, stderr
    assert stderr.decode().splitlines() == [f"kg: error: interrupted by {signal.Signals(signum).name}"]
    assert output.read_text(encoding="utf-8") == "# the graph of yesterday\n"
    assert [p.name for p in out.iterdir()] == ["graph.ttl"]  # no temporary file left behind


def test_reliability_interrupted_query_stops_its_worker(files):
    process = subprocess.Popen(
        kg_command("query", str(files["good.ttl"]), SLOW_QUERY, "--timeout", "120"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_handled(process, signal.SIGTERM)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        assert workers or not children.exists(), "no query worker was running"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 143
    assert stderr.decode().splitlines() == ["kg: error: interrupted by SIGTERM"]
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists(), "the query worker outlived kg"


def test_reliability_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from kg.errors import GraphError, Interrupted
    from kg.rdf import write_graph

    output = tmp_path / "graph.ttl"
    output.write_bytes(b"old")
    for failure in (OSError(28, "No space left on device"), Interrupted(signal.SIGTERM)):

        def fail(fd, failure=failure):
            raise failure

        monkeypatch.setattr(os, "fsync", fail)
        with pytest.raises((GraphError, Interrupted)):
            write_graph(b"new graph", output)
        assert output.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    monkeypatch.undo()
    write_graph(b"new graph", output)
    assert output.read_bytes() == b"new graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_reliability_written_file_has_the_usual_mode(tmp_path):
    from kg.rdf import write_graph

    mask = os.umask(0o022)
    try:
        write_graph(b"graph", tmp_path / "graph.ttl")
    finally:
        os.umask(mask)
    assert (tmp_path / "graph.ttl").stat().st_mode & 0o777 == 0o644
