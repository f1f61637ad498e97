"""The word lists the outline-statement rule reads a bullet with: verbs that say what a thing does,
their auxiliaries, and the words that never name a subject."""

from __future__ import annotations

from functools import cache

# Verbs that say what a thing does, as their base form: a bullet's verb is one of their forms.
VERBS = """
    accept access act add aim allocate allow apply assign attach avoid balance batch behave belong block boot
    break bring broadcast buffer build bundle cache calculate call capture carry catch change check
    choose chunk classify clean collect combine commit communicate compare compile complete compose
    compress compute connect consist consume contain control convert coordinate copy correspond cost count
    cover crash create deal decide decode decouple decrypt define delegate delete deliver depend deploy derive
    demonstrate describe design detect determine differ disable discard dispatch display distribute divide drop
    duplicate
    elect emit emphasize enable encapsulate encode encrypt enforce ensure establish estimate evaluate evict execute
    exist expand expire expose express extend extract fail fetch filter find fit flush focus follow force
    form forward free gather generate grant group grow guarantee handle hash help hide hold host identify
    ignore implement import improve include increase index indicate infer inherit initialize inject insert
    inspect install integrate intercept interpret introduce invalidate invoke isolate iterate join keep label let
    launch lead learn leverage limit link listen load lock log look maintain make manage map mark match
    measure merge migrate minimize mirror model modify monitor mount move multiplex multiply need negotiate
    normalize notice notify observe obtain offer operate optimize orchestrate output overwrite own parse partition
    pass pause perform persist pick pipe place plug point poll populate precompute predict prefer prepare
    preserve prevent print prioritize process produce promote propagate protect provide proxy prune publish
    pull push queue raise rank reach read rebalance rebuild receive recompute reconstruct record recover
    redirect reduce refer refresh register reject release reload rely remain remove rename render renew
    reorder repeat replace replicate report represent request require reserve reset resize resolve respond
    restart restore restrict retain retrieve retry return reuse revoke rewrite rollback rotate route run
    sample save scale scan schedule score search secure select send separate serialize serve set shard share
    shift show shrink shut sign simplify simulate skip slow sort spawn specify speed split spread stand start
    stay stop store stream subscribe substitute sum supply support suspend swap switch sync synchronize take
    target tell terminate throttle throw tokenize track trade train transfer transform translate transmit
    traverse treat trigger trim turn unify unlock unpack update upgrade upload use validate verify wait walk
    watch wrap write yield
""".split()
# Verbs whose past form is not `-ed`, as a bullet writes them after `was`, `is`, `has been`.
IRREGULAR = frozenset(
    """built made written run sent kept held found given taken known shown seen done brought left led meant
    put set split read chosen drawn grown broken spoken hidden begun become bound bought dealt fed hung
    laid lost met paid rebuilt rewritten sold shut spent stood struck thrown understood won wound""".split()
)
# What comes between a subject and a predicate: `is`, `are`, `can`, `does not`, `has been`.
AUX = frozenset(
    """is are was were has have had can cannot can't does doesn't do don't did didn't will won't must may
    isn't aren't wasn't weren't hasn't haven't""".split()
)


# Words that never make or open a subject: articles and quantifiers, pronouns, function words.
NOT_SUBJECT = frozenset(
    """this that these those it its they them their there here he she him her we us our you your i me my
    some most many much all each every any no none other others another both either neither such few several
    one ones of in on at for with without to from by into onto via per using about over under between than as
    and or but nor if when whenever while because so then also not only just even still already too very
    really always never often usually sometimes maybe perhaps probably how what why where which who whom
    whose can could should would will might must may shall do does did is are was were be been has have had
    let lets like more less multiple various different same similar certain main extra additional typical common
    usual normal general specific particular whole entire full real actual know knowing understand think note
    remember consider imagine suppose recall recap lowest highest largest smallest biggest longest shortest
    fastest slowest oldest newest earliest latest once after before since until although though whereas unless
    whether given assuming upon left right top bottom upper lower thus hence therefore moreover furthermore
    however instead besides otherwise meanwhile nevertheless nonetheless consequently accordingly""".split()
)
# Nouns too general to be what a card is about: "people use ...", "the idea works ...".
GENERIC_NOUNS = frozenset(
    """people person persons folks guys someone somebody everyone everybody anyone nobody something everything
    anything nothing thing things stuff idea ideas way ways approach approaches lot lots kind kinds type types
    sort sorts part parts point points fact facts case cases example examples reason reasons problem problems
    question questions answer answers issue issues result results step steps option options time times
    user users developer developers devs dev team teams company companies folks customer customers client
    clients human humans student students author authors reader readers writer writers speaker speakers
    he she guy man woman men women everyone world others most rest end start beginning first second last
    next new old good bad best worst history background motivation summary overview intuition goal goals purpose
    context details note notes conclusion conclusions takeaway takeaways performance usage cost costs impact
    benefit benefits downside downsides upside upsides advantage advantages disadvantage disadvantages pros cons
    work stuff life today tomorrow yesterday objective aim employee employees engineer engineers programmer
    programmers manager managers member members staff boss colleague colleagues candidate candidates recruiter
    recruiters kid kids child children parent parents friend friends drawback drawbacks limitation limitations
    caveat caveats gotcha gotchas catch pro con solution solutions thesis essay assignment homework exam
    lecture lectures course chapter section slide slides""".split()
)


@cache
def verb_forms() -> tuple[frozenset[str], frozenset[str]]:
    """The verbs' third-person forms (`turns`, `caches`, `relies`) and their base forms."""
    third: set[str] = set()
    verbs = [*VERBS, *(v[:-3] + "ise" for v in VERBS if v.endswith("ize"))]
    for verb in verbs:
        if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
            third.add(verb + "es")
        elif verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u"):
            third.add(verb[:-1] + "ies")
        else:
            third.add(verb + "s")
    return frozenset(third), frozenset(verbs)


def stem(word: str) -> str:
    """A word with its plural or -ing ending folded: "tests", "testing" -> "test"."""
    word = word.lower()
    for end in ("ies", "ing", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


def past_form(word: str) -> bool:
    """`built`, `designed`, `mapped`, `relied`: a past form of one of the verbs."""
    if word in IRREGULAR or word in ("done", "gone", "written", "eaten", "fallen", "forgotten", "gotten"):
        return True
    _, base = verb_forms()
    if not word.endswith("ed"):
        return False
    stem = word[:-2]
    return stem in base or stem + "e" in base or (stem.endswith("i") and stem[:-1] + "y" in base) or stem[:-1] in base
