"""TeX that reaches a card passes an allow-list of commands safe in Anki's MathJax.

Anki typesets `\\(...\\)` and `\\[...\\]` in every field with MathJax, whose extensions (loaded on
demand) can make a live link (`\\href{javascript:...}`), load or style from elsewhere (`\\style`,
`\\class`, `\\cssId`, `\\bbox[...]`, `\\enclose`, `\\mmlToken`), insert raw HTML (`\\html`), fetch fonts
(`\\unicode`) or more code (`\\require`). Inside math, a command that is not on the list below keeps
its name but loses its power: its backslash becomes `∖` (U+2216), so `\\href{javascript:x}{y}`
shows as ∖href followed by its arguments as plain symbols, and a reader still sees what was written.
Math that uses only ordinary commands is left exactly as it is.
"""

from __future__ import annotations

import re

_GREEK = """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda mu
nu xi omicron pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta
Lambda Xi Pi Sigma Upsilon Phi Psi Omega varGamma varDelta varTheta varLambda varXi varPi varSigma
varUpsilon varPhi varPsi varOmega digamma"""

_SYMBOLS = """aleph beth gimel daleth hbar hslash ell wp Re Im partial infty nabla emptyset varnothing forall
exists nexists neg lnot top bot angle measuredangle sphericalangle triangle triangledown square
blacksquare lozenge blacklozenge bigstar clubsuit diamondsuit heartsuit spadesuit flat natural sharp
prime backprime surd checkmark circledS complement eth mho Finv Game imath jmath dag ddag S P
copyright pounds yen dots ldots cdots vdots ddots dotsc dotsb dotsm dotsi dotso colon cdotp ldotp
vert Vert lvert rvert lVert rVert backslash setminus smallsetminus mid nmid parallel nparallel
shortmid shortparallel"""

_OPERATORS = """pm mp times div cdot ast star circ bullet oplus ominus otimes oslash odot bigcirc amalg cap
cup uplus sqcap sqcup vee wedge land lor wr dagger ddagger lhd rhd unlhd unrhd triangleleft
triangleright bigtriangleup bigtriangledown dotplus ltimes rtimes leftthreetimes rightthreetimes
curlyvee curlywedge barwedge doublebarwedge veebar boxplus boxminus boxtimes boxdot circledast
circledcirc circleddash centerdot intercal divideontimes Cap Cup doublecap doublecup sum prod
coprod int iint iiint iiiint idotsint oint bigcap bigcup bigsqcup bigvee bigwedge bigodot bigoplus
bigotimes biguplus sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth log ln lg exp
lim liminf limsup sup inf max min arg det dim deg gcd hom ker Pr injlim projlim varinjlim varliminf
varlimsup varprojlim mod bmod pmod pod operatorname limits nolimits displaylimits"""

_RELATIONS = """leq le geq ge neq ne equiv approx approxeq sim simeq cong asymp propto prec succ preceq succeq
ll gg lll ggg subset supset subseteq supseteq subsetneq supsetneq sqsubset sqsupset sqsubseteq
sqsupseteq in ni notin owns perp models vdash dashv vDash Vdash Vvdash smile frown bowtie doteq
doteqdot fallingdotseq risingdotseq eqcirc circeq triangleq bumpeq Bumpeq thicksim thickapprox
backsim backsimeq lesssim gtrsim lessapprox gtrapprox lessgtr gtrless lesseqgtr gtreqless leqq geqq
leqslant geqslant eqslantless eqslantgtr nless ngtr nleq ngeq nleqq ngeqq nleqslant ngeqslant lneq
gneq lneqq gneqq lnsim gnsim lnapprox gnapprox nsim ncong nsubseteq nsupseteq subsetneqq supsetneqq
varsubsetneq varsupsetneq Subset Supset therefore because between pitchfork backepsilon
vartriangleleft vartriangleright trianglelefteq trianglerighteq ntriangleleft ntriangleright
ntrianglelefteq ntrianglerighteq precsim succsim precapprox succapprox preccurlyeq succcurlyeq
curlyeqprec curlyeqsucc nprec nsucc npreceq nsucceq not"""

_ARROWS = """leftarrow rightarrow gets to leftrightarrow Leftarrow Rightarrow Leftrightarrow longleftarrow
longrightarrow longleftrightarrow Longleftarrow Longrightarrow Longleftrightarrow uparrow downarrow
updownarrow Uparrow Downarrow Updownarrow nearrow searrow swarrow nwarrow mapsto longmapsto
hookleftarrow hookrightarrow leftharpoonup leftharpoondown rightharpoonup rightharpoondown
rightleftharpoons leftrightharpoons iff implies impliedby leadsto rightsquigarrow leftrightsquigarrow
twoheadleftarrow twoheadrightarrow leftarrowtail rightarrowtail looparrowleft looparrowright
curvearrowleft curvearrowright circlearrowleft circlearrowright Lsh Rsh upuparrows downdownarrows
leftleftarrows rightrightarrows leftrightarrows rightleftarrows Lleftarrow Rrightarrow
multimap nleftarrow nrightarrow nLeftarrow nRightarrow nleftrightarrow nLeftrightarrow
upharpoonleft upharpoonright downharpoonleft downharpoonright restriction xleftarrow xrightarrow
xLeftarrow xRightarrow xleftrightarrow xLeftrightarrow xhookleftarrow xhookrightarrow xmapsto
xrightharpoonup xrightharpoondown xleftharpoonup xleftharpoondown xrightleftharpoons
xleftrightharpoons"""

_STRUCTURE = """frac dfrac tfrac cfrac over atop choose binom dbinom tbinom sqrt root of left right middle big
Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm biggm Biggm langle rangle lceil
rceil lfloor rfloor lbrace rbrace lbrack rbrack lgroup rgroup lmoustache rmoustache ulcorner
urcorner llcorner lrcorner overline underline overbrace underbrace overset underset stackrel
overleftarrow overrightarrow overleftrightarrow underleftarrow underrightarrow underleftrightarrow
widehat widetilde hat check breve acute grave tilde bar vec dot ddot dddot ddddot mathring begin
end substack sideset boxed cancel bcancel xcancel cancelto phantom hphantom vphantom smash
mathstrut strut displaystyle textstyle scriptstyle scriptscriptstyle quad qquad thinspace
medspace thickspace negthinspace negmedspace negthickspace enspace space nobreakspace hspace kern
mkern mskip hskip mspace hfill hfil newline cr hline hdashline cline tag notag nonumber label ref
eqref limits nolimits atopwithdelims overwithdelims abovewithdelims above genfrac shoveleft
shoveright arraystretch displaylines allowbreak"""

_FONTS = """mathrm mathit mathbf mathsf mathtt mathcal mathscr mathfrak mathbb mathbfit boldsymbol bm
pmb mathnormal rm it bf sf tt cal scr frak Bbb bold text textrm textit textbf textsf texttt
textnormal mbox hbox emph mathop mathbin mathrel mathopen mathclose mathpunct mathord mathinner
color textcolor colorbox fcolorbox definecolor tiny scriptsize footnotesize small normalsize large
Large LARGE huge Huge ce pu"""

ALLOWED = frozenset(" ".join((_GREEK, _SYMBOLS, _OPERATORS, _RELATIONS, _ARROWS, _STRUCTURE, _FONTS)).split())
"""TeX commands a card's math may use: symbols, structure, fonts and colours by name (MathJax's
base, AMS, mathtools, mhchem and color). Not here, so neutralised: `href`, `url`, `style`,
`class`, `cssId`, `data`, `html`, `unicode`, `require`, `bbox`, `enclose`, `mmlToken`, `texttip`,
`toggle`, `mathtip`, `def`, `newcommand` and whatever else an extension may add."""

NEUTRAL_BACKSLASH = "\u2216"
_MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]", re.S)
_COMMAND = re.compile(r"\\([A-Za-z]+)")


def _command(match: re.Match[str]) -> str:
    name = match.group(1)
    return match.group(0) if name in ALLOWED else NEUTRAL_BACKSLASH + name


def safe_tex(tex: str) -> str:
    """TeX with every command not in ALLOWED neutralised (its backslash made `∖`)."""
    return _COMMAND.sub(_command, tex)


def safe_math(field: str) -> str:
    """A field's HTML with the math MathJax would typeset (`\\(...\\)`, `\\[...\\]`) made safe."""
    if "\\(" not in field and "\\[" not in field:
        return field
    return _MATH.sub(lambda m: safe_tex(m.group(0)), field)
