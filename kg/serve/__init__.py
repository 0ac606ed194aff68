"""``kg serve``: a local web explorer and SPARQL 1.1 endpoint over one graph.

:mod:`kg.serve.server` starts it (uvicorn), :mod:`kg.serve.app` holds the routes (Starlette),
:mod:`kg.serve.catalog` what the pages show, read once from the graph with the SPARQL of
:mod:`kg.serve.queries`, :mod:`kg.serve.views` shapes it for the templates and
:mod:`kg.serve.protocol` answers the SPARQL 1.1 Protocol. Nothing is imported here, so
``kg --help`` stays instant.
"""

__all__: list[str] = []
