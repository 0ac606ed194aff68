"""The names a store holds: which of a new batch's full names spell out a stored one-word name."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.resolution import StoredNames, canonical_names


def test_a_stored_surname_is_spelled_out_by_the_one_full_name_that_ends_in_it():
    stored = StoredNames([("Peskov", "PERSON"), ("NRF", "ORG")])
    batch = [("Dmitry Peskov", "PERSON"), ("Anna Berg", "PERSON"), ("National Relief Front", "ORG")]
    assert stored.spelled_out(batch) == {"Peskov": "Dmitry Peskov", "NRF": "National Relief Front"}
    # Spelled out once, they are no longer one-word names of the store.
    assert stored.spelled_out(batch) == {}


def test_two_full_names_with_the_surname_spell_out_neither():
    stored = StoredNames([("Mohamed", "PERSON")])
    assert stored.spelled_out([("Ahmed Mohamed", "PERSON"), ("Ali Mohamed", "PERSON")]) == {}


def test_a_person_is_never_spelled_out_by_an_organisation():
    stored = StoredNames([("Berg", "PERSON")])
    assert stored.spelled_out([("Berg Industries", "ORG")]) == {}


def _every_full_name(stored: StoredNames, labelled: list[tuple[str, str]]) -> dict[str, str]:
    """What ``spelled_out`` means, read against every full name of the batch (its definition)."""
    found = {}
    full = [(n, label) for n, label in labelled if " " in n]
    for short, label in list(stored._short):
        related = {n for n in full if (n[1] == "PERSON") == (label == "PERSON")}
        if not related:
            continue
        held = stored._by_word.get(short, set()) | (stored._acronyms.get(short, set()) if short.isupper() else set())
        target = canonical_names({(short, label), *related, *held}, short_forms=False).get(short)
        if target is not None and any(target == n for n, _ in related):
            found[short] = target
    return found


_WORDS = ["Anna", "Berg", "Intel", "Corp.", "Corporation", "von", "der", "Leyen", "National", "Front", "NF", "IC"]
_NAMES = st.tuples(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join),
    st.sampled_from(["PERSON", "ORG", "GPE"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMES, max_size=8), st.lists(_NAMES, max_size=8))
def test_looking_full_names_up_by_word_finds_what_reading_them_all_finds(held, batch):
    assert StoredNames(held).spelled_out(batch) == _every_full_name(StoredNames(held), batch)
