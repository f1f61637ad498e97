"""Merging: one card per idea, and never one card for two ideas."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.merge import merge, merge_groups, term_key
from cards.model import Card, Kind, Source
from cards.pipeline import Options, build


def card(front: str, back: str = "an answer long enough to read", path: str = "a.md", line: int = 1, **kw) -> Card:
    kind = kw.pop("kind", Kind.DEFINITION)
    return Card(kind=kind, front=front, back=back, sources=(Source(path, line),), deck="d", **kw)


def merged_fronts(*fronts: str, **kw) -> list[set[str]]:
    cards = [card(f, path=f"n{i}.md") for i, f in enumerate(fronts)]
    return [{c.front for c in group} for group in merge_groups(cards, **kw)]


# ---------------------------------------------------------------- different ideas stay apart

APART = [
    ("L1 regularization", "L2 regularization"),
    ("L₁ regularization", "L₂ regularization"),
    ("gradient descent", "stochastic gradient descent"),
    ("stochastic gradient descent", "mini-batch stochastic gradient descent"),
    ("precision", "recall"),
    ("Type I error", "Type II error"),
    ("Type 1 error", "Type 2 error"),
    ("GPT-3", "GPT-4"),
    ("ResNet-50", "ResNet-152"),
    ("k-means", "k-medians"),
    ("x axis", "y axis"),
    ("Vitamin B", "Vitamin C"),
    ("convex function", "concave function"),
    ("batch normalization", "layer normalization"),
    ("false positive rate", "true positive rate"),
    ("unsupervised learning", "supervised learning"),
    ("neural network", "recurrent neural network"),
    ("loss", "loss function"),
    ("bias (math)", "bias (ethics)"),
    ("node (decision tree)", "node (neural network)"),
    ("dimension", "dimension reduction"),
    ("What is a tensor?", "What is a tensor's rank?"),
    ("What is the learning rate?", "Why lower the learning rate?"),
    ("encoder", "decoder"),
    ("static", "statistic"),
    # one letter at the end makes another word: who calls and who is called, who trains and what is trained
    ("Callee-save", "Caller-save"),
    ("trainee", "trainer"),
    ("compiled language", "compiler language"),
    ("pointer headA", "pointer headB"),
    # the doer of an act is another thing than the act: a phase that decodes is not the network that does
    ("Decode", "Decoder"),
    ("parse", "parser"),
    ("Compile step", "Compiler step"),
]


@pytest.mark.parametrize(("one", "other"), APART, ids=[f"{a}|{b}" for a, b in APART])
def test_different_ideas_stay_apart(one: str, other: str) -> None:
    assert merged_fronts(one, other) == [{one}, {other}]


def test_different_ideas_stay_apart_even_with_a_low_threshold() -> None:
    fronts = [a for pair in APART[:1] + APART[2:10] for a in pair]
    assert len(merged_fronts(*fronts, similarity=60)) == len(set(fronts))


def test_an_acronym_that_fits_another_phrase_does_not_pull_it_in() -> None:
    # "deep learning (ML)" is a slip: ML does not abbreviate "deep learning".
    groups = merged_fronts("deep learning (ML)", "machine learning")
    assert groups == [{"deep learning (ML)"}, {"machine learning"}]


# ---------------------------------------------------------------- same idea, one card

SAME = [
    ("Overfitting", "What's overfitting?"),
    ("overfitting", "What is overfitting?"),
    ("Overfitting", "Define overfitting."),
    ("Neural network", "neural networks"),
    ("The learning rate", "learning rate"),
    ("**Backpropagation**", "[[backpropagation]]"),
    ("machine learning (ML)", "Machine Learning"),
    ("Deep Q-Network (DQN)", "deep Q network"),
    ("backpropagation", "backpropogation"),
    ("regularisation rate", "regularization rate"),
    ("modelling", "modeling"),
    ("idempotence", "idempotency"),
    ("What is a neural network?", "what is a neural network"),
]


@pytest.mark.parametrize(("one", "other"), SAME, ids=[f"{a}|{b}" for a, b in SAME])
def test_same_idea_merges(one: str, other: str) -> None:
    assert merged_fronts(one, other) == [{one, other}]


def test_two_spellings_in_one_note_are_two_things() -> None:
    # a slip between two notes is one word spelled two ways; a note that writes both names two things
    # (a query language and its in-browser IDE)
    one_note = [card("GraphQL", path="api.md", line=2), card("GraphiQL", path="api.md", line=9)]
    two_notes = [card("GraphQL", path="api.md"), card("GraphiQL", path="tools.md")]
    assert [[c.front for c in g] for g in merge_groups(one_note)] == [["GraphQL"], ["GraphiQL"]]
    assert [[c.front for c in g] for g in merge_groups(two_notes)] == [["GraphQL", "GraphiQL"]]


def test_the_threshold_is_an_option() -> None:
    assert merged_fronts("backpropagation", "backpropogation", similarity=99) == [
        {"backpropagation"},
        {"backpropogation"},
    ]


def test_term_key_folds_what_a_person_does_not_notice() -> None:
    assert term_key("What's an **Overfitting**?") == term_key("overfitting:") == "overfitting"


def test_question_and_definition_merge_into_one_card_with_both_sources() -> None:
    question = card("What's overfitting?", "When the model memorises noise.", "lecture.md", 9, kind=Kind.QUESTION)
    definition = card("Overfitting", "Fitting the training data so closely it fails on new data.", "glossary.md", 3)
    (one,) = merge([question, definition])
    assert one.kind is Kind.DEFINITION and one.front == "Overfitting"
    assert [s.path for s in one.sources] == ["glossary.md", "lecture.md"]


def test_cloze_of_the_same_sentence_merges() -> None:
    a = card("The {{c1::mitochondrion}} makes ATP.", "", "bio.md", 2, kind=Kind.CLOZE)
    b = card("The mitochondrion makes {{c1::ATP}}.", "", "cells.md", 7, kind=Kind.CLOZE)
    c = card("The {{c1::ribosome}} makes proteins.", "", "cells.md", 8, kind=Kind.CLOZE)
    assert len(merge([a, b, c])) == 2


def test_a_cloze_never_merges_with_a_definition() -> None:
    a = card("{{c1::Overfitting}}", "", "x.md", 2, kind=Kind.CLOZE)
    b = card("Overfitting", "Memorising the training set.", "y.md", 2)
    assert len(merge([a, b])) == 2


def test_a_repeated_question_merges() -> None:
    a = card("Why do we use batches?", "", "day1.md", 4, kind=Kind.QUESTION, open=True)
    b = card("Why do we use batches?", "Memory and noisy gradients.", "day2.md", 5, kind=Kind.QUESTION)
    (one,) = merge([a, b])
    assert one.back == "Memory and noisy gradients." and not one.open
    assert {s.path for s in one.sources} == {"day1.md", "day2.md"}


# ---------------------------------------------------------------- the merged card


def test_merged_card_unions_tags_and_collapses_near_identical_answers() -> None:
    a = card("Epoch", "One full pass over the training set.", "a.md", tags=("ml",))
    b = card("epoch", "One full pass over the training set", "b.md", tags=("ml", "basics"))
    (one,) = merge([a, b])
    assert one.tags == ("ml", "basics")
    assert one.back == "One full pass over the training set."


def test_different_answers_keep_the_clearest_and_cite_the_others() -> None:
    short = card("Epoch", "A pass.", "a.md")
    clear = card("Epoch", "One full pass of training over every example of the training set.", "b.md")
    long = card("Epoch", "An epoch is " + "a long winded and rambling explanation " * 12, "c.md")
    (one,) = merge([short, clear, long])
    assert one.back.startswith("One full pass of training over every example")
    assert "Also, in a: A pass." in one.back and "Also, in c: An epoch is" in one.back


# ---------------------------------------------------------------- aliases


def test_declared_acronym_joins_the_long_form_and_the_card_is_titled_with_it() -> None:
    a = card("AR", "Overlaying computer graphics on the real world.", "glasses.md")
    b = card("Augmented reality", "Digital content placed over a live view.", "xr.md")
    (one,) = merge([a, b], aliases=[("AR", "augmented reality")])
    assert one.front == "Augmented reality (AR)"


def test_acronym_inferred_from_the_cards_themselves() -> None:
    a = card("AI", "Machines doing what needs intelligence.", "journal.md")
    b = card("Artificial Intelligence", "A field of study where machines mimic us.", "course.md")
    (one,) = merge([a, b])
    assert one.front.startswith("Artificial Intelligence")
    assert {s.path for s in one.sources} == {"journal.md", "course.md"}


def test_ambiguous_acronym_merges_nothing() -> None:
    cards = [card("ML"), card("machine learning", path="b.md"), card("maximum likelihood", path="c.md")]
    assert len(merge(cards)) == 3


# ---------------------------------------------------------------- stable ids


def test_id_is_stable_when_another_note_repeats_the_term() -> None:
    first = card("Overfitting", "Memorising noise.", "b.md")
    alone = merge([first])[0].id
    for other in (
        card("overfitting", "Fitting noise instead of signal.", "a.md"),
        card("What is overfitting?", "Fitting noise.", "0.md", kind=Kind.QUESTION),
        card("Overfitting (OF)", "Fitting noise.", "c.md"),
        card("overfittings", "Fitting noise.", "c.md"),
    ):
        assert merge([other, first])[0].id == alone == merge([first, other])[0].id


def test_same_cards_in_any_order_give_the_same_ids() -> None:
    cards = [card("AI", path="j.md"), card("artificial intelligence", path="c.md"), card("epoch", path="e.md")]
    assert sorted(c.id for c in merge(cards)) == sorted(c.id for c in merge(cards[::-1]))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("What's an EPOCH?", "what is an epoch"),
        ("What\u2019s an epoch?", "What is an epoch?"),
        ("Why can't it converge?", "Why can not it converge?"),
        ("Straße", "STRASSE"),  # casefolding, beyond lower()
        ("\ufb01ne-tuning", "fine tuning"),  # the `fi` ligature, as NFKC reads it
        ("Café", "Cafe\u0301"),  # composed and combining accents
    ],
)
def test_id_folds_case_accents_and_contractions(one: str, other: str) -> None:
    assert card(one).id == card(other).id


def test_id_follows_the_prompt_once_asked_for() -> None:
    first = card("Epoch")
    asked = first.id
    reworded = replace(first, front="Batch")
    assert reworded.id != asked and reworded.id == card("Batch").id
    assert first == card("Epoch"), "an id asked for does not make two cards differ"


# ---------------------------------------------------------------- a whole vault


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_vault_course_and_journal_defining_the_same_terms(tmp_path: Path) -> None:
    write(tmp_path, "Courses/Intro.md", "# Intro\n\n[[Reinforcement Learning]] : An agent learns from rewards.\n")
    write(tmp_path, "Journal/day.md", "RL: learning what to do from trial, error and reward.\n")
    result = build(tmp_path, Options(deck="t"))
    rl = [c for c in result.cards if "einforcement" in c.front or c.front == "RL"]
    assert len(rl) == 1
    assert {s.path for s in rl[0].sources} == {"Courses/Intro.md", "Journal/day.md"}
    assert result.merged == 1


def test_vault_abbreviation_note_and_front_matter_aliases(tmp_path: Path) -> None:
    write(tmp_path, "VR.md", "Abbreviation for [[virtual reality]].\n")
    write(tmp_path, "headsets.md", "VR: headsets that block the view of the room.\n")
    # two terms with the initials VR: only the abbreviation note says which one VR is
    write(tmp_path, "terms.md", "virtual reality: a simulated world you look around in.\n")
    write(tmp_path, "stats.md", "variance reduction: sampling tricks that make estimates steadier.\n")
    write(tmp_path, "gpu.md", "---\naliases: [graphics card]\n---\nGraphics card: hardware that draws pixels.\n")
    write(tmp_path, "hw.md", "GPU: a chip made of many small cores.\n")
    result = build(tmp_path, Options(deck="t"))
    cited = {c.front: {s.path for s in c.sources} for c in result.cards}
    assert cited["GPU"] >= {"gpu.md", "hw.md"}  # the note's title names the idea, its alias joins it
    assert cited["virtual reality (VR)"] >= {"headsets.md", "terms.md"}
    assert cited["variance reduction"] == {"stats.md"}


def test_front_matter_aliases_that_name_two_terms_of_the_note_keep_them_apart(tmp_path: Path) -> None:
    # a note on byte order lists both orders as its aliases and defines each: two sides, not one idea
    write(
        tmp_path,
        "Byte Order.md",
        "---\naliases: [big-endian, little-endian]\n---\n# Byte Order\n\n"
        "- **Big endian**: the most significant byte sits at the lowest address\n"
        "- **Little endian**: the least significant byte sits at the lowest address\n",
    )
    write(tmp_path, "net.md", "Big endian: the order in which network protocols send the bytes of a number.\n")
    result = build(tmp_path, Options(deck="t"))
    cited = {c.front: {s.path for s in c.sources} for c in result.cards}
    assert cited["Big endian"] == {"Byte Order.md", "net.md"}
    assert cited["Little endian"] == {"Byte Order.md"}
    assert result.merged == 1


def test_vault_acronym_written_in_running_text(tmp_path: Path) -> None:
    write(tmp_path, "journal/monday.md", "Reading about machine learning (ML) and deep learning (ML) today.\n")
    write(tmp_path, "b.md", "ML: programs that improve with data.\n\nmachine learning: learning from examples.\n")
    write(tmp_path, "c.md", "maximum likelihood: the parameters that make the data most probable.\n")
    write(tmp_path, "d.md", "deep learning: many layers of neurons.\n")
    result = build(tmp_path, Options(deck="t"))
    cited = {c.front: {s.path for s in c.sources} for c in result.cards}
    assert cited["machine learning (ML)"] == {"b.md"}
    assert cited["maximum likelihood"] == {"c.md"}
    assert cited["deep learning"] == {"d.md"}
    assert "ML" not in cited and "machine learning" not in cited


def test_an_acronym_spelled_out_in_passing_joins_only_what_speaks_of_it(tmp_path: Path) -> None:
    """Notes on IPv6 spelling out "Router Solicitation (RS)" say what RS is there, not in the notes
    on awk, whose RS is the record separator; a card on the same thing elsewhere still joins."""
    ipv6 = "# IPv6\n\n## Router Solicitation (RS)\n\nA host sends one when its link comes up.\n\n"
    write(
        tmp_path, "ipv6.md", ipv6 + "Router Solicitation: an ICMPv6 message that asks routers to announce themselves.\n"
    )
    write(tmp_path, "awk.md", "# awk\n\nRS: the record separator, a newline unless set.\n")
    write(
        tmp_path, "ndp.md", "# Neighbour discovery\n\nRS: the message a host sends to find the routers on its link.\n"
    )
    # a longer acronym is seldom two ideas in one student's notes: it joins wherever it is met
    write(
        tmp_path,
        "imaging.md",
        "# Imaging\n\nElectroencephalography (EEG): recording the electrical activity of the brain.\n",
    )
    write(tmp_path, "sleep.md", "# Sleep\n\n## Stages\n\nEEG: waves that tell the stages of sleep apart.\n")
    result = build(tmp_path, Options(deck="t"))
    cited = {c.front: {s.path for s in c.sources} for c in result.cards}
    assert cited["RS"] == {"awk.md"}
    assert cited["Router Solicitation (RS)"] == {"ipv6.md", "ndp.md"}
    assert cited["Electroencephalography (EEG)"] == {"imaging.md", "sleep.md"}


def test_no_merge_keeps_every_card(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "Epoch: one pass over the data.\n")
    write(tmp_path, "b.md", "Epoch: one pass over the data set.\n")
    assert len(build(tmp_path, Options(deck="t", merge=False)).cards) == 2
    assert len(build(tmp_path, Options(deck="t")).cards) == 1


def test_vault_adding_a_note_that_repeats_a_term_keeps_the_card_id(tmp_path: Path) -> None:
    write(tmp_path, "b.md", "Overfitting: the model learns the noise of its training data.\n")
    (before,) = build(tmp_path, Options(deck="t")).cards
    write(tmp_path, "a.md", "overfitting: doing well on training data and badly on new data.\n")
    write(tmp_path, "q.md", "## Review questions\n- What is overfitting?\n  - Memorising instead of learning.\n")
    (after,) = build(tmp_path, Options(deck="t")).cards
    assert after.id == before.id
    assert {s.path for s in after.sources} == {"a.md", "b.md", "q.md"}
    assert "learns the noise" in after.back and "badly on new data" in after.back


def test_a_generic_label_never_merges_across_subjects(tmp_path: Path) -> None:
    """'Architecture' in a note on AlexNet and in one on the Transformer are two things; the same
    term defined in two notes is still one card."""
    write(tmp_path, "alexnet.md", "# AlexNet\n\n**Architecture**: five convolutional layers, then three dense ones.\n")
    write(tmp_path, "transformer.md", "# Transformer\n\n**Architecture**: stacked attention and feed-forward blocks.\n")
    write(tmp_path, "a.md", "Dropout: switching off random units while training.\n")
    write(tmp_path, "b.md", "dropout: zeroing random activations during training.\n")
    cards = build(tmp_path, Options(deck="t")).cards
    assert sorted(c.front for c in cards) == ["AlexNet: architecture", "Dropout", "Transformer: architecture"]


# ---------------------------------------------------------------- properties

_WORDS = [
    "loss",
    "Loss",
    "losses",
    "rate",
    "learning",
    "L1",
    "L2",
    "what is",
    "AI",
    "(AI)",
    "?",
    "gradient",
    "gradiant",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), max_size=4), st.sampled_from(list(Kind))), max_size=12))
def test_merging_keeps_every_source_and_ids_do_not_depend_on_order(items: list[tuple[list[str], Kind]]) -> None:
    cards = [card(" ".join(words), f"answer {i}", f"n{i}.md", kind=kind) for i, (words, kind) in enumerate(items)]
    merged = merge(cards)
    assert sorted(s.path for c in merged for s in c.sources) == sorted(s.path for c in cards for s in c.sources)
    assert sorted(c.id for c in merge(cards[::-1])) == sorted(c.id for c in merged)


def test_the_answer_of_the_note_named_after_the_term_is_the_answer() -> None:
    own = card("Dropout", "Switching off a random share of neurons at each training step.", "ML/Dropout.md")
    passing = card("dropout", "A regularizer.", "ML/Regularization.md")
    (one,) = merge([passing, own])
    assert one.back.startswith("Switching off") and one.source.path == "ML/Dropout.md"


def test_another_notes_list_answer_stays_a_list() -> None:
    prose = card("Optimizer", "The algorithm that updates the weights from the gradients.", "a.md")
    listed = card("optimizer", "- SGD\n- Adam\n- RMSprop", "b.md")
    (one,) = merge([prose, listed])
    assert one.back.endswith("Also, in b:\n\n- SGD\n- Adam\n- RMSprop")


def test_other_answers_are_labelled_with_their_note_title_not_its_path() -> None:
    lead = card("PyTorch", "A deep learning framework built around tensors and autograd.", "Tools/PyTorch.md")
    course = card("pytorch", "what the course uses", "Courses/Introduction to PyTorch.md")
    (one,) = merge([lead, course])
    assert one.back == (
        "A deep learning framework built around tensors and autograd.\n\n"
        "Also, in Introduction to PyTorch: what the course uses"
    )


def test_a_picture_of_a_merged_card_stays_with_it_whichever_answer_leads() -> None:
    own = card("Dropout", "Switching off a random share of neurons at each training step.", "ML/Dropout.md")
    pictured = card("dropout", "A regularizer.", "ML/Regularization.md", extra="![|300](dropout.png)")
    (one,) = merge([pictured, own])
    assert one.back.startswith("Switching off") and one.extra == "![|300](dropout.png)"
    lead = card("Dropout", "Switching off neurons.", "ML/Dropout.md", extra="the paragraph ![](net.png)")
    (two,) = merge([lead, pictured, card("dropout", "x", "c.md", extra="![](net.png)")])
    assert two.extra == "the paragraph ![](net.png)\n\n![|300](dropout.png)"


def test_two_notes_with_one_title_are_told_apart_by_their_path() -> None:
    lead = card("Epoch", "One full pass over the training set.", "Glossary.md")
    first = card("epoch", "a pass over the data", "Vision/Index.md")
    second = card("epoch", "every example seen once", "Text/Index.markdown")
    (one,) = merge([lead, first, second])
    assert one.back == (
        "One full pass over the training set.\n\n"
        "Also, in Text/Index: every example seen once\n\n"
        "Also, in Vision/Index: a pass over the data"
    )


def test_a_term_with_a_note_of_its_own_is_not_merged_with_a_passing_definition(tmp_path: Path) -> None:
    (tmp_path / "Kiln.md").write_text("An oven for firing clay pots at high temperature.\n", encoding="utf-8")
    (tmp_path / "Glazing.md").write_text(
        "# Glazing\n\nA kiln is an oven that melts the glaze onto the pot.\n", encoding="utf-8"
    )
    (tmp_path / "Quiz.md").write_text("## Questions\n- What is a kiln?\n", encoding="utf-8")
    cards = build(tmp_path, Options(find_answers=False)).cards
    kiln = [c for c in cards if "kiln" in c.front.lower()]
    assert len(kiln) == 1
    assert {s.path for s in kiln[0].sources} == {"Kiln.md", "Quiz.md"}
    assert kiln[0].back.startswith("An oven for firing clay pots")


def test_an_acronym_spelled_out_as_something_else_does_not_join_a_long_form_with_its_initials() -> None:
    """`ISP` in a note on SOLID says what it stands for; another note's 'Interesting school in
    Paris' has the same initials, but is another thing."""
    solid = Card(Kind.DEFINITION, "ISP", "Interface Segregation - many small interfaces", (Source("solid.md", 3),))
    school = Card(Kind.DEFINITION, "Interesting school in Paris", "a school with no teachers", (Source("p.md", 1),))
    internet = Card(Kind.DEFINITION, "Internet service provider", "a company that sells access", (Source("n.md", 1),))
    assert len(merge([solid, school])) == 2
    bare = Card(Kind.DEFINITION, "ISP", "the company your router talks to the internet through", (Source("net.md", 2),))
    assert [c.sources for c in merge([bare, internet])] == [(Source("n.md", 1), Source("net.md", 2))]


def test_initials_alone_do_not_join_cards_of_unrelated_notes() -> None:
    """`KR` in a note on goals (key results) and "Key rotation" in a note on secrets share only
    their initials: neither card names a word of the other, so both stay as they are."""
    goals = Card(Kind.DEFINITION, "KR", "measurable milestones, outcomes not activities", (Source("okr.md", 4),))
    keys = Card(Kind.DEFINITION, "Key rotation", "- rekey the master key\n- rotate the data key", (Source("v.md", 9),))
    assert sorted(c.front for c in merge([goals, keys])) == ["KR", "Key rotation"]
    # the same two in one note are one thing written two ways
    same = Card(Kind.DEFINITION, "KR", "replacing keys on a schedule", (Source("v.md", 20),))
    assert [c.front for c in merge([same, keys])] == ["Key rotation (KR)"]


def test_a_pattern_and_a_plural_of_its_name_stay_apart() -> None:
    """'Command Pattern' (encapsulates a request) and another note's 'commands' (a tool's commands)
    are two things: the merge key keeps the word 'pattern'."""
    pattern = Card(Kind.DEFINITION, "Command Pattern", "encapsulates a request as an object", (Source("a.md", 1),))
    tools = Card(Kind.DEFINITION, "commands", "- fmt\n- console\n- state", (Source("b.md", 3),))
    assert len(merge([pattern, tools])) == 2


def _in(front: str, back: str, path: str, *context: str) -> Card:
    return Card(Kind.DEFINITION, front, back, (Source(path, 3),), context=context)


def test_a_common_word_defined_inside_two_subjects_stays_two_cards() -> None:
    """'server' under a service mesh's architecture and under a secrets store's internals names
    each one's own part: their places and answers share no word, so they do not merge."""
    mesh = _in("server", "checks policies before a client reaches a service", "mesh.md", "Mesh", "Architecture")
    store = _in("Server", "long-running process that serves the API", "vault.md", "Secret store", "Internals")
    assert len(merge([mesh, store])) == 2
    # a glossary's card joins one of them and does not tie the two together
    glossary = _in("server", "long-running process answering requests", "Glossary.md", "Glossary", "S")
    merged = merge([mesh, store, glossary])
    assert sorted(len(c.sources) for c in merged) == [1, 2]
    # the same word in two notes about one thing merges as before
    other = _in("server", "the process that answers each client over the API", "ops.md", "Mesh operations", "Parts")
    assert len(merge([mesh, other])) == 1


def test_cards_kept_apart_never_share_an_id() -> None:
    """Anki keeps one note per id: two senses of "server" kept apart must not both ask "server",
    or the second overwrites the first on import. The card from the note named after its term keeps
    the prompt (and so its review history), else the first by path; the other names its note,
    whichever order the notes came in."""
    mesh = _in("server", "checks policies before a client reaches a service", "mesh.md", "Mesh", "Architecture")
    store = _in("Server", "long-running process that serves the API", "vault.md", "Secret store", "Internals")
    for order in ([mesh, store], [store, mesh]):
        assert sorted(c.front for c in merge(order)) == ["Secret store: Server", "server"]
    own = _in("Server", "long-running process that serves the API", "Server.md", "Secret store", "Internals")
    merged = merge([mesh, own])
    assert sorted(c.front for c in merged) == ["Mesh: server", "Server"]
    assert len({c.id for c in merged}) == 2


def test_the_same_prompt_twice_in_one_place_gets_two_ids_unmerged(tmp_path: Path) -> None:
    """With merging off, a term defined twice in one note still gives two notes in Anki."""
    note = "# Kilns\n\nKiln: an oven for firing clay\n\nmore prose here.\n\nKiln: a hot oven for pots\n"
    write(tmp_path, "Kilns.md", note)
    cards = build(tmp_path, Options(deck="t", merge=False)).cards
    assert [c.front for c in cards] == ["Kiln", "Kilns: Kiln"]
    assert len({c.id for c in cards}) == 2


def test_a_patterns_bare_name_under_patterns_joins_the_pattern() -> None:
    humans = _in("singleton", "only one object of a class", "humans.md", "Design patterns", "Creational patterns")
    book = _in("Singleton Pattern", "ensures a class has one instance", "book.md", "Head First", "One of a kind")
    (one,) = merge([humans, book])
    assert one.front == "Singleton Pattern"
    # a bare 'singleton' elsewhere (a set of one element) is not the pattern
    sets = _in("singleton", "a set with exactly one element", "sets.md", "Set theory", "Finite sets")
    assert sorted(c.front for c in merge([sets, book])) == ["Singleton Pattern", "singleton"]


def test_a_word_named_by_its_note_still_merges_by_its_sense(tmp_path: Path) -> None:
    """'barrier' under a section of the notes on one tool carries the tool's name, and still joins
    another note's card on the same barrier; a barrier of something else stays apart."""
    item = "\n- barrier is a {}\n  * {}\n"
    write(tmp_path, "keysafe.md", "# Keysafe\n\n## Internals" + item.format("layer that encrypts secrets", "sealed"))
    write(tmp_path, "vaults.md", "# Vaults\n\n## Parts" + item.format("layer that encrypts secrets on disk", "sealed"))
    write(tmp_path, "dams.md", "# Dams\n\n## Parts" + item.format("wall that holds back a river", "concrete"))
    cards = build(tmp_path, Options(deck="t")).cards
    assert sorted((c.front, len(c.sources)) for c in cards) == [("Dams: barrier", 1), ("Vaults: barrier", 2)]


def test_a_glossary_entry_is_no_passing_definition_and_joins_the_terms_own_note(tmp_path: Path) -> None:
    """A glossary defines its terms on purpose: its entry for a term with a note of its own joins
    that note's card (cited, its answer under the note's), where a definition met in passing in
    another note's prose stays that note's context."""
    (tmp_path / "Kiln.md").write_text("An oven for firing clay pots at high temperature.\n", encoding="utf-8")
    (tmp_path / "Glossary.md").write_text(
        "# Glossary\n\nKiln: a furnace that hardens clay by heat.\nGlaze: a glassy coat fired onto a pot.\n",
        encoding="utf-8",
    )
    cards = build(tmp_path, Options(find_answers=False)).cards
    kiln = [c for c in cards if "kiln" in c.front.lower()]
    assert len(kiln) == 1
    assert {s.path for s in kiln[0].sources} == {"Kiln.md", "Glossary.md"}
    assert kiln[0].back == (
        "An oven for firing clay pots at high temperature.\n\nAlso, in Glossary: a furnace that hardens clay by heat."
    )


def test_a_lecture_named_by_its_topic_is_about_that_topic() -> None:
    """ "Week 5 - Privacy Theory" is on privacy, not a gathering of every subject's terms: its
    "Access" and a storage lecture's "Access" say different things and stay two cards."""
    privacy = _in("Access", "users may see the data collected about them", "w5.md", "Week 5 - Privacy Theory", "Rights")
    storage = _in("Access", "registers are read in one cycle", "w2.md", "Lecture 2: The Storage Unit", "Registers")
    assert len(merge([privacy, storage])) == 2
    # a lecture named by its number alone gathers every subject's terms: its card joins the one it is
    # alike, and stays apart from the other
    lecture = _in("Access", "users may see the data kept on them", "l9.md", "Lecture 9", "Rights")
    assert sorted(len(c.sources) for c in merge([privacy, storage, lecture])) == [1, 2]


def test_notes_merely_named_notes_are_about_their_subject_not_glossaries() -> None:
    """`Security/notes.md` and `Cloud/notes.md` are about their folders' subjects: a one-word term in a
    section of each ("Speed" of static analysis, "Speed" of cloud deployment) stays apart, as it would
    in notes named after those subjects; a note of lecture notes gathers terms of every subject, and
    its card joins the one it speaks alike."""
    scan = _in("Speed", "automated scanning finds issues faster than a manual review", "sec/notes.md", "notes", "Scans")
    cloud = _in("Speed", "deploy resources in minutes instead of weeks", "cloud/notes.md", "notes", "Benefits")
    assert len(merge([scan, cloud])) == 2
    lecture = _in("Speed", "automated scanning is faster than reading code", "w3.md", "Lecture notes", "Benefits")
    assert len(merge([scan, lecture])) == 1
    # a gathering note's card that says nothing of the other's stays apart: it may be another sense
    other = _in("Speed", "distance covered per unit of time", "w4.md", "Lecture notes", "Motion")
    assert len(merge([scan, other])) == 2


def test_a_term_atop_notes_on_two_subjects_stays_two_cards() -> None:
    """ "State" defined at the top of the notes on React and at the top of the notes on reinforcement
    learning: the two places and answers share no word, so each is a sense of its own. Two top-level
    cards that share a telling word still merge, and a glossary's entry still joins either."""
    react = _in("State", "a component's memory between renders", "react.md", "React - State")
    rl = _in("State", "a full description of the world an agent acts in", "rl.md", "RL Basics")
    assert len(merge([react, rl])) == 2
    hooks = _in("State", "the memory a component keeps, read by a hook", "hooks.md", "React - Hooks")
    assert sorted(len(c.sources) for c in merge([react, rl, hooks])) == [1, 2]
    glossary = _in("State", "what a system remembers", "Glossary.md", "Glossary")
    assert sorted(len(c.sources) for c in merge([glossary, react])) == [2]


def test_a_title_that_names_its_topic_beside_a_gathering_word_is_on_that_topic() -> None:
    """ "Course: Computer Architecture" and "Transactions — Lecture Notes" are each on one topic, not
    gatherings of every subject's terms: a "Conflict" in a section of each keeps its own sense."""
    cache = _in("Conflict", "several blocks map to the same set", "arch.md", "Course: Computer Architecture", "Misses")
    txn = _in(
        "Conflict", "two operations on one item, one a write", "txn.md", "Transactions — Lecture Notes", "Schedules"
    )
    assert len(merge([cache, txn])) == 2


def test_one_everyday_word_in_common_is_not_one_sense() -> None:
    """Docker's containers and C++'s both speak of a "resource": an everyday word shared by chance.
    Two words in common, or one that is not everyday, still join two cards."""
    docker = _in(
        "Container", "an isolated process on the host kernel, limited in resource use", "d.md", "Docker", "Basics"
    )
    cpp = _in("container", "a class that owns its elements and frees the resource", "stl.md", "C++ Library", "RAII")
    assert len(merge([docker, cpp])) == 2
    pods = _in("container", "a process isolated by the host kernel's namespaces", "k8s.md", "Kubernetes", "Pods")
    assert len(merge([docker, pods])) == 1


def test_the_members_two_notes_list_under_one_plural_word_stay_apart() -> None:
    """Two papers on latent diffusion each list their "models": each paper's own, however many words
    their titles share; the second card names its note, so no two cards ask the same."""
    one = _in("models", "- LD-SR\n- LD-BSR", "ld.md", "Latent diffusion for image synthesis", "Experiments")
    two = _in("models", "- Video-LD\n- interpolation models", "vld.md", "Latent diffusion for video synthesis")
    merged = merge([one, two])
    assert sorted(c.front for c in merged) == ["Latent diffusion for video synthesis: models", "models"]
    # an answer in words still joins: "models" said the same way twice is one meaning
    said = _in("models", "programs trained on image synthesis data", "a.md", "Latent diffusion for images")
    again = _in("models", "programs trained on image synthesis data sets", "b.md", "Latent diffusion for video")
    assert len(merge([said, again])) == 1


def test_a_rare_word_has_one_meaning_however_its_notes_word_it() -> None:
    """ "kNN" atop its own note and in a section of the notes on classification share no telling word,
    and are one method: a rare word means one thing in a student's notes."""
    own = _in("kNN", "an archetype of the local family", "knn.md", "1NN and kNN")
    listed = _in("knn", "the k closest points vote", "classify.md", "Classification", "Models")
    assert len(merge([own, listed])) == 1


def test_a_step_named_by_a_task_verb_is_no_rare_word() -> None:
    """ "Compute" is rare in everyday English, but as a label of a step it names what each note's procedure
    does there: a pipeline's compute step and a cloud emulator's compute services are two cards."""
    step = _in("Compute", "multiply the two blocks and keep the partial sums", "kernel.md", "Tiled matmul", "Steps")
    cloud = _in("Compute", "virtual machines and container tasks", "emu.md", "Local cloud emulator", "Services")
    assert len(merge([step, cloud])) == 2


def test_a_section_card_on_a_common_word_keeps_its_own_sense() -> None:
    """ "Environment" as a heading of the notes on mobile interfaces (a section card) and "Environment"
    as one of an access-control scheme's attributes (a definition): unrelated senses, kept apart as two
    definitions would be. A section card and a definition that speak of one thing still join."""
    section = Card(
        Kind.BASIC,
        "Environment",
        "the surroundings decide which feedback a user can perceive",
        (Source("hci.md", 9),),
        context=("Mobile interfaces", "Constraints"),
    )
    attribute = _in("Environment", "where and when the access is attempted", "abac.md", "Access control", "Attributes")
    assert len(merge([section, attribute])) == 2
    asked = Card(
        Kind.QUESTION, "What is an environment?", "the place a request for access comes from", (Source("q.md", 4),)
    )
    assert len(merge([attribute, asked])) == 2
    mobile = _in("Environment", "the surroundings a user perceives a mobile interface in", "ux.md", "UX", "Context")
    assert len(merge([section, mobile])) == 1


def test_an_everyday_word_defined_atop_one_note_is_asked_with_its_title(tmp_path: Path) -> None:
    """ "Relationship: a diamond ..." atop the notes on ER diagrams asks of ER diagrams; a word several
    notes define alike stays the word (its notes are in its answer), and so do a glossary's words, a
    journal entry's, a word of the title and a compound."""
    notes = {
        "ER Notation.md": "# ER Diagram Notation\n\nRelationship: a diamond between the two entities it joins.\n",
        "Memory/Processors.md": "# Processors\n\nCache: a small fast memory that keeps recent data close.\n",
        "Memory/Browsers.md": "# Browsers\n\nCache: a small fast memory that keeps recent data close.\n",
        "Glossary.md": "# Glossary\n\nKernel: the part of the system that runs with full privileges.\n",
        "Journal/the grind.md": "# the grind\n\nDerivative: how fast a function changes at a point.\n",
        "Groups.md": "# Groups\n\nGroup: a set with an associative operation and inverses.\n",
        "Write policies.md": "# Write policies\n\nWrite-back: a dirty line goes to memory only when evicted.\n",
    }
    for name, text in notes.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    fronts = {c.front: len(c.sources) for c in build(tmp_path, Options(deck="t")).cards}
    assert fronts == {
        "ER Diagram Notation: Relationship": 1,
        "Cache": 2,
        "Kernel": 1,
        "Derivative": 1,
        "Group": 1,
        "Write-back": 1,
    }
    alone = {c.front for c in build(tmp_path, Options(deck="t", merge=False)).cards}
    assert {"ER Diagram Notation: Relationship", "Processors: Cache", "Browsers: Cache"} <= alone


def test_the_other_notes_answers_never_say_the_answer_again() -> None:
    """A line of another note's answer that says the chosen answer again is left out of it; an
    answer left with nothing is dropped; a one-line answer that says the answer and more is the
    answer."""
    lead = _in("Mutex", "a lock that only one thread holds at a time", "sync.md", "Sync", "Locks")
    listed = _in(
        "mutex",
        "- A mutex is a lock that only one thread holds at a time.\n- Only the thread that locked it may unlock it.",
        "primitives.md",
        "Primitives",
        "Kinds",
    )
    short = _in("MUTEX", "a lock that only one thread holds", "os.md", "OS", "Terms")
    merged = merge([lead, listed, short])
    assert len(merged) == 1
    assert merged[0].back == (
        "a lock that only one thread holds at a time\n\n"
        "Also, in primitives:\n\n- Only the thread that locked it may unlock it."
    )
    more = "a lock that only one thread holds at a time, and only its owner may release"
    assert merge([lead, _in("mutex", more, "b.md", "B", "C")])[0].back == more
    named = _in("mutex", "A mutex is a lock that only one thread holds at a time.", "n.md", "N", "O")
    assert merge([lead, named])[0].back == "a lock that only one thread holds at a time"


def test_a_line_that_says_more_than_the_answer_or_is_announced_stays() -> None:
    """Only a line that says the answer again, or the answer after the term's name, is left out:
    a line that goes on to say more stays."""
    lead = _in("Pointer", "a variable that stores a memory address", "c.md", "C", "Memory")
    more = _in(
        "pointer",
        "At its core, a pointer is a variable that stores a memory address, not the data itself.\n"
        "- Every location in memory has an address.",
        "intro.md",
        "Intro",
        "Basics",
    )
    assert merge([lead, more])[0].back.endswith(
        "At its core, a pointer is a variable that stores a memory address, not the data itself.\n"
        "- Every location in memory has an address."
    )
    # a formula said again goes with the line that announces it; a code block is never cut
    pooled = _in("Max pooling", "takes the maximum of each window:\n$$y = \\max_{i,j} x_{ij}$$", "p.md", "P", "Q")
    formula = "$$y = \\max_{i,j} x_{ij}$$"
    again = _in("max pooling", f"Per channel, the largest value of a window:\n{formula}", "g.md", "G", "H")
    coded = _in(
        "max pooling",
        "In code, over the last two axes:\n```python\n# takes the maximum of each window\ny = x.amax((-2, -1))\n```",
        "k.md",
        "K",
        "L",
    )
    assert merge([pooled, again, coded])[0].back == (
        "takes the maximum of each window:\n$$y = \\max_{i,j} x_{ij}$$\n\n"
        "Also, in k:\n\nIn code, over the last two axes:\n```python\n# takes the maximum of each window\n"
        "y = x.amax((-2, -1))\n```"
    )


def test_a_notes_alias_does_not_join_the_same_word_said_of_another_thing(tmp_path: Path) -> None:
    # the notes on queues list "Stacks" among their aliases; the notes on memory speak of the call stack,
    # which shares no word with the data structure; the notes on parsing push and pop, as the data
    # structure does
    queues = "---\naliases: [Stacks, Queues]\n---\n# Queues and Stacks\n\n## Stacks\n\n"
    write(tmp_path, "Queues and Stacks.md", queues + "- **Stack**: a list whose last element pushed is popped first\n")
    memory = "# Memory\n\n## Stack vs heap\n\n- **Stack**: the region that holds each call's local variables\n"
    write(tmp_path, "Memory.md", memory + "- **Heap**: the region that holds memory allocated at run time\n")
    parsing = "# Parsing\n\n## The operator stack\n\n- **Stack**: the list of operators pushed and popped first\n"
    write(tmp_path, "Parsing.md", parsing)
    result = build(tmp_path, Options(deck="t"))
    cited = [{s.path for s in c.sources} for c in result.cards if "stack" in c.front.lower()]
    assert sorted(cited, key=len) == [{"Memory.md"}, {"Parsing.md", "Queues and Stacks.md"}]


def test_aliases_that_list_a_notes_topics_name_no_one_thing(tmp_path: Path) -> None:
    # a note on old collection classes lists the classes it covers as its aliases; they are three things,
    # and the notes on maths and on memory define two of those words in their own sense
    write(
        tmp_path,
        "Old Collections.md",
        "---\naliases: [vector, hashtable, stack]\n---\n# Old Collections\n\nThe classes of the first library.\n",
    )
    write(tmp_path, "Maths.md", "# Maths\n\nvector: an ordered list of numbers that can be added and scaled\n")
    write(tmp_path, "Memory.md", "# Memory\n\nstack: the region that holds each call's local variables\n")
    write(tmp_path, "GPU.md", "---\naliases: [graphics card]\n---\n# GPU\n\nGPU: a chip of many small cores.\n")
    write(tmp_path, "Parts.md", "graphics card: the part that draws the pixels on screen\n")
    result = build(tmp_path, Options(deck="t"))
    cited = [{s.path for s in c.sources} for c in result.cards]
    assert {"Maths.md"} in cited and {"Memory.md"} in cited
    assert any({"GPU.md", "Parts.md"} <= paths for paths in cited)  # one alias is a name: it still joins
