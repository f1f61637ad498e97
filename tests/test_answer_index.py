"""The answer index's BM25 matrix is bm25s's: the stems are counted with numpy, a chunk of passages
at a time, and the weights computed by bm25s's scoring functions. It must equal what bm25s's own
`index` makes of the same passages given as lists, number for number, however the passages are
chunked, and a query must score what bm25s's own `get_scores` gives."""

from __future__ import annotations

import bm25s
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.answers.finder import Answer, _from_definitions
from cards.answers.index import Index, _bm25_matrix, _token_ids, _word_chunks, room
from cards.answers.judge import PERSONAL, Question
from cards.answers.passages import Passage, PassageTable, indexed, note_passages, passages
from cards.answers.words import quick_plain, stem, stems, words
from cards.model import Card, Kind, NoteFile, Source
from cards.parse import parse_note

WORDS = ["gradient", "descent", "loss", "batch", "epoch", "learning", "rate", "momentum", "tensor", "layer"]


def _index(passages: list[list[str]]) -> Index:
    notes = [
        (f"n{k}.md", tuple(indexed(Passage(f"n{k}.md", 1, " ".join(words) or "?!", False)) for words in doc))
        for k, doc in enumerate(passages)
    ]
    return Index(notes)


def _reference_ids(index: Index) -> list[list[int]]:
    vocab, flat, offsets = _token_ids(_word_chunks(index.tables))
    assert vocab == index.vocab
    return [flat[offsets[i] : offsets[i + 1]].tolist() for i in range(len(index.passages))]


def _reference(index: Index) -> dict[str, np.ndarray]:
    model = bm25s.BM25()
    model.index((_reference_ids(index), dict(index.vocab)), show_progress=False)
    return model.scores


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.lists(st.sampled_from(WORDS), max_size=12), min_size=1, max_size=5), min_size=1, max_size=8)
)
def test_bm25_matrix_equals_bm25s(passages: list[list[list[str]]]) -> None:
    index = _index(passages)
    reference = _reference(index)
    assert np.array_equal(index._indptr, reference["indptr"])
    assert np.array_equal(index._indices, reference["indices"])
    assert np.array_equal(index._data, reference["data"])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.lists(st.sampled_from(WORDS), max_size=12), min_size=1, max_size=5), min_size=1, max_size=8),
    st.integers(1, 30),
)
def test_bm25_matrix_built_a_few_passages_at_a_time_equals_bm25s(passages: list[list[list[str]]], chunk: int) -> None:
    """A big vault's matrix is built a chunk of passages at a time: small chunks give the same."""
    index = _index(passages)
    vocab, flat, offsets = _token_ids(_word_chunks(index.tables))
    data, indices, indptr = _bm25_matrix(flat, offsets, len(vocab), chunk_tokens=chunk)
    reference = _reference(index)
    assert np.array_equal(indptr, reference["indptr"])
    assert np.array_equal(indices, reference["indices"])
    assert np.array_equal(data, reference["data"])


def test_bm25_matrix_of_real_notes_equals_bm25s() -> None:
    text = (
        "# Optimisers\n\nGradient descent moves the weights against the gradient. "
        "Momentum keeps a running average of past gradients, so it rolls through flat regions.\n\n"
        "- Adam combines momentum with a per-weight learning rate.\n"
        "- A learning rate too high makes the loss explode; too low and training crawls.\n\n"
        "Weight decay shrinks the weights a little at every step.\n"
    )
    notes = [parse_note(NoteFile(path=f"{k}.md", text=text * (k + 1))) for k in range(3)]
    index = Index([(n.path, note_passages(n)) for n in notes])
    assert len(index.passages) > 10
    reference = _reference(index)
    for key, mine in (("data", index._data), ("indices", index._indices), ("indptr", index._indptr)):
        assert np.array_equal(mine, reference[key]), key


def test_a_query_scores_the_passages_holding_its_words() -> None:
    index = _index([[["gradient", "descent"], ["momentum", "batch"]], [["gradient", "gradient", "loss"]]])
    hits, scores = index.bm25_scores(["gradient"])
    assert hits.tolist() == [0, 2]
    assert scores[1] > scores[0] > 0  # said twice in a passage as short: a higher score


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), max_size=12), st.integers(1, 5))
def test_word_ids_do_not_depend_on_how_the_passages_are_chunked(words: list[str], chunk: int) -> None:
    whole = _token_ids([words])
    chunked = _token_ids(words[start : start + chunk] for start in range(0, len(words), chunk))
    assert whole[0] == chunked[0]
    assert np.array_equal(whole[1], chunked[1]) and np.array_equal(whole[2], chunked[2])


def test_a_sentence_that_points_back_is_a_passage_only_with_the_one_before() -> None:
    # "It looks only at reference cycles." says a fact of the collector the sentence before names
    text = (
        "# Memory\n\nCounting references cannot free objects that point at each other, so a second collector"
        " runs.  It looks only at reference cycles.\n"
    )
    found = [p.markdown for p in passages(parse_note(NoteFile("Memory.md", text)))]
    assert not any(m.startswith("It looks") for m in found)
    assert any(m.startswith("Counting references") and m.endswith("reference cycles.") for m in found)


def test_a_bold_lead_in_is_no_passage() -> None:
    # "**What Redis cannot do ...:**" announces the list under it, bold or not; it answers nothing alone
    text = (
        "# Redis\n\n**What Redis Cannot Do While Running Commands on One Thread:**\n"
        "- use a second core for one instance\n- serve reads during a slow command\n"
    )
    found = [p.markdown for p in passages(parse_note(NoteFile("Redis.md", text)))]
    assert not any("Cannot Do" in m for m in found)
    assert any("second core" in m for m in found)


def test_a_sentence_about_a_picture_is_no_passage() -> None:
    # what the diagram beside the text shows is not in the sentence that points at it
    text = "# Gates\n\nThe diagram on the right shows a NOT gate built from one NAND gate. Tie both inputs together.\n"
    found = [p.markdown for p in passages(parse_note(NoteFile("Gates.md", text)))]
    assert not any("diagram" in m and "Tie" not in m for m in found)
    assert "Tie both inputs together." in found


def test_a_block_that_sets_a_question_is_no_passage() -> None:
    # an exercise sheet's next exercise names the same tables as the one before: it asks, it does not answer
    text = (
        "# Practice\n\n### Exercise 5\n\n**Source:** Sheet 2, question 5\n"
        '**Question:** "Name the readers who borrow from a branch outside their town." (any order)\n\n'
        "### Notes\n\nA branch lends books to the readers of its town.\n"
    )
    found = [p.markdown for p in passages(parse_note(NoteFile("Practice.md", text)))]
    assert not any("Sheet 2" in m or "Name the readers" in m for m in found)
    assert "A branch lends books to the readers of its town." in found


def test_a_note_table_gives_back_its_passages() -> None:
    passages = [
        Passage(
            "n.md", 3, "Dropout zeroes units.\nIt regularises.", True, "Dropout", "dropout zero unit", ((("dropout",),))
        ),
        Passage("n.md", 7, "Ångström — a unit?", False, "", "", ()),
        Passage("n.md", 9, "Weight decay is L2.", False, "", "weight decay l2", (("weight", "decay"), ("l2",))),
    ]
    table = PassageTable.of("n.md", passages)
    assert list(table) == passages
    assert [table[j] for j in range(len(table))] == passages and table[-1] == passages[-1]
    assert PassageTable.of("n.md", []) == PassageTable("n.md") and list(PassageTable("n.md")) == []
    index = Index([("n.md", table)])
    assert index.heads[("weight", "decay")] == [2] and index.bag(1) == frozenset()
    assert index.bag(0) == {"dropout", "zero", "unit"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.lists(st.sampled_from(WORDS), max_size=12), min_size=1, max_size=5), min_size=1, max_size=8),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True),
)
def test_a_query_scores_what_bm25s_scores(passages: list[list[list[str]]], query: list[str]) -> None:
    """The index sums a query's stems' postings instead of scoring every passage: the same sums."""
    index = _index(passages)
    model = bm25s.BM25()
    model.index((_reference_ids(index), index.vocab), show_progress=False, create_empty_token=False)
    known = [w for w in query if w in index.vocab]
    if not known:
        return
    hits, scores = index.bm25_scores(known)
    everything = model.get_scores([index.vocab[w] for w in known])
    assert hits.tolist() == np.flatnonzero(everything).tolist()
    assert np.allclose(scores, everything[hits], rtol=1e-6)


def test_an_empty_index_answers_nothing() -> None:
    index = Index([("a.md", PassageTable("a.md"))])
    assert len(index.passages) == 0 and index.candidates(["gradient"], "a.md") == []


def test_the_judges_caches_start_over_when_full() -> None:
    """What the judge keeps is bounded (see test_answers.py: the answers do not change)."""
    kept: dict[int, int] = {}
    for i in range(10):
        kept[room(kept, i, 4)] = i
        assert len(kept) <= 4
    assert kept == {8: 8, 9: 9}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.lists(st.sampled_from(WORDS), max_size=12), min_size=1, max_size=5), min_size=1, max_size=8),
    st.lists(st.sampled_from([*WORDS, "unseen"]), max_size=3),
    st.lists(st.integers(0, 39), max_size=12, unique=True),
)
def test_the_passages_lacking_a_stem_are_those_whose_words_lack_it(
    passages: list[list[list[str]]], needed: list[str], picked: list[int]
) -> None:
    """The finder skips judging a candidate without every key term (Judge.score would say 0): the
    postings it reads that from say what the passage's own words say."""
    index = _index(passages)
    candidates = [i for i in picked if i < len(index.passages)]
    expected = {i for i in candidates if not set(needed) <= index.bag(i)}
    assert index.lacking(needed, candidates) == expected
    for i in candidates:  # and a passage's place tells what judging reads of it besides its words
        table, j = index.passages.place(i)
        passage = index.passages[i]
        read = (table.path, table.length(j), bool(table.whole[j]))
        assert read == (passage.path, len(passage.markdown), passage.whole)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from([*WORDS, "Ω", "x"]), max_size=6).map(" ".join), max_size=12), st.integers(1, 5)
)
def test_word_ids_are_given_in_the_order_the_words_first_appear(words: list[str], chunk: int) -> None:
    """Each new word the next id, id 0 standing for no word: what _token_ids works out with numpy."""
    vocab: dict[str, int] = {"\0": 0}
    expected: list[int] = []
    for line in words:
        for word in (line or "\0").split(" "):
            expected.append(vocab.setdefault(word, len(vocab)))
    found, flat, offsets = _token_ids(words[start : start + chunk] for start in range(0, len(words), chunk))
    assert list(found.items()) == list(vocab.items())
    assert flat.tolist() == expected and offsets[-1] == len(expected)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "The", "is", "Began", "x", "Ωmega", "fine-tuning", ",", "  "]), max_size=15))
def test_a_passages_words_are_its_stems_where_they_stand(parts: list[str]) -> None:
    """words() (what judging reads of a passage) gives the stems stems() gives, each at the word."""
    text = " ".join(parts)
    found = words(text)
    assert [s for s, _, _ in found] == stems(text)
    assert all(stem(text[start:end].lower()) == s for s, start, end in found)


def _judged_as_written(question: Question, definitions: list[Card], path: str) -> Answer | None:
    """finder._from_definitions as first written: both stem sets of every definition read (and a
    front of the term's words in another order no answer)."""
    term = set(question.terms[0])
    best: Answer | None = None
    for card in definitions:
        front = frozenset(stems(quick_plain(card.front)))
        back = frozenset(stems(quick_plain(card.back)))
        if not front or not front <= term or not (term - front) <= back:
            continue
        if (
            front == term
            and len(term) > 1
            and tuple(dict.fromkeys(stems(quick_plain(card.front)))) != question.terms[0]
        ):
            continue
        score = 0.95 if front == term else 0.85
        if PERSONAL.search(card.back):
            score *= 0.5
        if best is None or score > best.score or (score == best.score and card.source.path == path):
            best = Answer(card.back, card.source, score)
    return best


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True),
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), max_size=3),
            st.lists(st.sampled_from([*WORDS, "I", "is"]), max_size=5),
            st.sampled_from(["a.md", "b.md"]),
        ),
        max_size=6,
    ),
)
def test_a_definition_is_judged_as_when_both_its_sides_were_read(
    term: list[str], made: list[tuple[list[str], list[str], str]]
) -> None:
    """The finder reads a definition's back only when its front leaves part of the term unsaid."""
    definitions = [
        Card(Kind.DEFINITION, " ".join(front), " ".join(back), (Source(path, 1),)) for front, back, path in made
    ]
    question = Question("define", (tuple(stems(" ".join(term))),), ())
    seen: dict[str, frozenset[str]] = {}

    def stem_set(markdown: str) -> frozenset[str]:
        return seen.setdefault(markdown, frozenset(stems(quick_plain(markdown))))

    found = _from_definitions(question, definitions, "a.md", stem_set)
    assert found == _judged_as_written(question, definitions, "a.md")


def test_word_weights_do_not_depend_on_the_order_a_set_is_walked_in() -> None:
    """A passage's words are a set, walked in an order that changes from run to run with Python's
    string hashing. Its weight must not: 0.1 + 0.2 + 0.3 summed both ways differs in the last bit,
    enough to tip a tie between two passages, so the same vault gave another answer in another run."""
    from cards.answers.judge import Judge

    index = _index([[["alpha", "beta", "gamma"]]])
    index._idf.update({stem("alpha"): 0.1, stem("beta"): 0.2, stem("gamma"): 0.3})
    forward = [stem(w) for w in ("alpha", "beta", "gamma")]
    judge = Judge(index)
    assert judge.weight(forward) == judge.weight(list(reversed(forward)))
    assert index.weight(0) == judge.weight(forward) == judge.weight(list(reversed(forward)))
