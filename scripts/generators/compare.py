"""Compare each post's body as Postdesk renders it with the same post built by the site's generator.

`compare(site, generator=None, flavor=None)` builds the posts with the generator, renders them
with Postdesk's preview pipeline, normalises both sides alike (`normalize.py`) and returns a
`Comparison`: per post, whether it is identical strictly, identical once typography is folded,
or different (with the categories of its differences and the first one's excerpt). `report.py`
turns it into Markdown or JSON.
"""

from __future__ import annotations

import difflib
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generators import astro, classify, hugo, jekyll, normalize, postdesk
from generators.common import GeneratorRun, body_of

GENERATORS = ("hugo", "jekyll", "astro")
IDENTICAL, TYPOGRAPHY, DIFFERENT, FAILED = "identical", "typography only", "different", "generator error"
SMART_PUNCTUATION = "smart punctuation"
FRONT_MATTER = "front matter"
_WORDS = re.compile(r"[A-Za-z0-9][\w'’-]*")


@dataclass
class PostResult:
    path: str  # relative to the site or corpus
    status: str  # IDENTICAL, TYPOGRAPHY, DIFFERENT, FAILED
    apart: list[str] = field(default_factory=list)  # theme/site-only features (compared with stubs)
    components: list[str] = field(default_factory=list)  # MDX components of the site
    categories: list[str] = field(default_factory=list)  # every difference's kind, first one first
    where: str = ""  # the elements around the first difference (after folding typography)
    generator_html: str = ""  # a few words around the first difference, canonical form
    postdesk_html: str = ""
    markdown: str = ""  # the source line it comes from, when found
    note: str = ""  # the generator's error, or Postdesk's front matter message
    diff: str = ""  # with compare(diffs=True): unified diff of the canonical forms

    @property
    def counted_apart(self) -> bool:
        return bool(self.apart)


@dataclass
class Comparison:
    generator: str
    generator_version: str
    flavor: str
    site: str
    posts: list[PostResult]
    skipped: dict[str, str]
    build_seconds: float
    postdesk_seconds: float
    compare_seconds: float

    def group(self, apart: bool) -> list[PostResult]:
        return [post for post in self.posts if post.status != FAILED and post.counted_apart == apart]

    def rates(self, apart: bool = False) -> dict[str, float | int]:
        """Posts compared, and the share identical strictly and once typography is ignored."""
        posts = self.group(apart)
        strict = sum(post.status == IDENTICAL for post in posts)
        loose = strict + sum(post.status == TYPOGRAPHY for post in posts)
        total = len(posts)
        return {"posts": total, "identical": strict, "identical_ignoring_typography": loose,
                "rate": strict / total if total else 0.0, "rate_ignoring_typography": loose / total if total else 0.0}

    def categories(self, apart: bool = False) -> dict[str, dict[str, int]]:
        """For each category: in how many posts it occurs, and in how many it is the only kind of
        difference left once typography is ignored (fixing it makes those posts identical)."""
        anywhere: Counter[str] = Counter()
        only: Counter[str] = Counter()
        for post in self.group(apart):
            kinds = set(post.categories)
            anywhere.update(kinds)
            rest = kinds - {SMART_PUNCTUATION}
            if len(rest) == 1:
                only.update(rest)
            elif not rest and kinds:
                only[SMART_PUNCTUATION] += 1
        return {name: {"posts": count, "only_difference": only[name]} for name, count in anywhere.most_common()}

    def fix_order(self, apart: bool = False) -> list[tuple[str, int]]:
        """Categories in the order that makes the most posts identical soonest (greedy), each with
        the number of posts identical once it and those before it are fixed."""
        posts = [set(post.categories) for post in self.group(apart)]
        done = sum(not kinds for kinds in posts)
        fixed: set[str] = set()
        order: list[tuple[str, int]] = []
        remaining = {kind for kinds in posts for kind in kinds}
        while remaining:
            best = max(sorted(remaining), key=lambda kind: sum(kinds <= fixed | {kind} for kinds in posts))
            fixed.add(best)
            remaining.discard(best)
            order.append((best, sum(kinds <= fixed for kinds in posts)))
        return [(kind, max(count, done)) for kind, count in order]

    def to_json(self) -> dict:
        data = asdict(self)
        data["summary"] = {"core": self.rates(False), "apart": self.rates(True),
                           "generator_errors": sum(post.status == FAILED for post in self.posts),
                           "categories": self.categories(False), "categories_apart": self.categories(True),
                           "fix_order": self.fix_order(False)}
        return data


def detect_generator(root: Path) -> str:
    if astro.is_astro(root):
        return "astro"
    if hugo.site_config(root) is not None or (root / "content").is_dir() or (root / "archetypes").is_dir():
        return "hugo"
    if jekyll.site_root(root) != root or (root / "_config.yml").is_file() or (root / "_posts").is_dir():
        return "jekyll"
    raise ValueError(f"{root}: cannot tell the generator (no hugo.toml/config.*, _config.yml/_posts, "
                     "astro.config.*); name it with --generator")


def build(generator: str, root: Path) -> GeneratorRun:
    return {"hugo": hugo.build, "jekyll": jekyll.build, "astro": astro.build}[generator](root)


def compare(site: Path, generator: str | None = None, flavor: str | None = None,
            run: GeneratorRun | None = None, only: str = "", diffs: bool = False) -> Comparison:
    """Build `site` (a site or a corpus folder) with its generator and compare every post's body
    with Postdesk's. `flavor`: Postdesk's Markdown flavour (default: the one it picks for the
    site). `run`: a build already made (to compare several flavours with one build). `only`:
    compare only the posts whose path contains it. `diffs`: keep each post's canonical diff."""
    root = site.resolve()
    generator = generator or detect_generator(root)
    run = run or build(generator, root)
    flavor = flavor or postdesk.site_flavor(root, generator)
    todo = [path for path in run.files if path in run.bodies and path not in run.skipped
            and only in _relative(path, root)]
    ours = postdesk.render_bodies(todo, root, flavor, generator)
    start = time.perf_counter()
    results = [_compare_post(generator, root, path, run, ours.bodies[path], diffs) for path in todo]
    results += [PostResult(_relative(path, root), FAILED, apart=run.apart.get(path, []), note=message)
                for path, message in run.errors.items() if only in _relative(path, root)]
    results = _unique(results)
    return Comparison(generator, run.version, flavor, str(root), sorted(results, key=lambda r: r.path),
                      {_relative(path, root): why for path, why in run.skipped.items()},
                      run.seconds, ours.seconds, time.perf_counter() - start)


def _unique(results: list[PostResult]) -> list[PostResult]:
    """A post the generator reported an error for is listed once, as an error."""
    failed = {result.path for result in results if result.status == FAILED}
    return [result for result in results if result.status == FAILED or result.path not in failed]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _compare_post(generator: str, root: Path, path: Path, run: GeneratorRun,
                  ours: postdesk.Rendered, diffs: bool = False) -> PostResult:
    theirs = normalize.canonical(run.bodies[path])
    mine = normalize.canonical(ours.html, postdesk.PLACEHOLDER_CLASS)
    result = PostResult(_relative(path, root), IDENTICAL, apart=run.apart.get(path, []),
                        components=run.components.get(path, []), note=ours.error)
    if diffs:
        result.diff = "".join(difflib.unified_diff(
            normalize.serialise(theirs).splitlines(True), normalize.serialise(mine).splitlines(True),
            f"{generator}/{result.path}", f"postdesk/{result.path}"))
    if _keys(theirs) == _keys(mine):
        return result
    source = body_of(path.read_text(encoding="utf-8", errors="replace"))
    folded_theirs, folded_mine = normalize.fold_tokens(theirs), normalize.fold_tokens(mine)
    opcodes = _opcodes(folded_theirs, folded_mine)
    hunks = _merge([(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"])
    if not hunks:
        result.status = TYPOGRAPHY
        result.categories = [SMART_PUNCTUATION]
        _describe(result, theirs, mine, _first_hunk(theirs, mine), source)
        return result
    result.status = DIFFERENT
    kinds = [kind for i1, i2, j1, j2 in hunks
             for kind in classify.classify(generator, folded_mine[j1:j2], folded_theirs[i1:i2],
                                           _around(folded_theirs, i1), source,
                                           folded_mine[j2:j2 + 1] + folded_mine[max(0, j1 - 1):j1],
                                           folded_theirs[i2:i2 + 1] + folded_theirs[max(0, i1 - 1):i1])]
    if ours.error:
        kinds.insert(0, FRONT_MATTER)
    # Typography differs where the folded streams agree but the strict ones do not.
    if any(_keys(theirs[i1:i2]) != _keys(mine[j1:j2]) for tag, i1, i2, j1, j2 in opcodes if tag == "equal"):
        kinds.append(SMART_PUNCTUATION)
    result.categories = list(dict.fromkeys(kinds))
    _describe(result, folded_theirs, folded_mine, hunks[0], source)
    return result


def _keys(tokens: list[normalize.Token]) -> list[str]:
    return [token.kind[0] + token.value for token in tokens]


def _opcodes(theirs: list[normalize.Token], mine: list[normalize.Token]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, computed on what lies between the common start and end (fast: most
    posts differ in a few places, and whole-post matching is quadratic in repeated tags)."""
    a, b = _keys(theirs), _keys(mine)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=len(a) > 4000)
    codes = [("equal", 0, head, 0, head)] if head else []
    codes += [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle.get_opcodes()]
    if tail:
        codes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return codes


def _merge(hunks: list[tuple[int, int, int, int]], gap: int = 4) -> list[tuple[int, int, int, int]]:
    """Hunks a few tokens apart are one difference (a list the other side reads as a paragraph
    differs at its start and at its end)."""
    merged: list[tuple[int, int, int, int]] = []
    for hunk in hunks:
        if merged and hunk[0] - merged[-1][1] <= gap and hunk[2] - merged[-1][3] <= gap:
            merged[-1] = (merged[-1][0], hunk[1], merged[-1][2], hunk[3])
        else:
            merged.append(hunk)
    return merged


def _first_hunk(theirs: list[normalize.Token], mine: list[normalize.Token]) -> tuple[int, int, int, int]:
    a, b = _keys(theirs), _keys(mine)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    return head, head + 1, head, head + 1


def _around(tokens: list[normalize.Token], index: int) -> tuple[str, ...]:
    if index < len(tokens):
        token = tokens[index]
        return token.path[:-1] if token.kind != "text" else token.path
    return tokens[-1].path if tokens else ()


def _describe(result: PostResult, theirs: list[normalize.Token], mine: list[normalize.Token],
              hunk: tuple[int, int, int, int], source: str) -> None:
    i1, i2, j1, j2 = hunk
    result.where = " > ".join(_around(theirs, i1)) or "(top level)"
    result.generator_html, result.postdesk_html = _excerpts(theirs, i1, i2, mine, j1, j2)
    result.markdown = _source_line(source, theirs[i1:i2] or mine[j1:j2], theirs[max(0, i1 - 1):i1])


def _excerpts(theirs: list[normalize.Token], i1: int, i2: int, mine: list[normalize.Token], j1: int,
              j2: int) -> tuple[str, str]:
    """A few words of context and the differing part, for each side."""
    a, b = theirs[i1:i2], mine[j1:j2]
    if len(a) == 1 and len(b) == 1 and a[0].kind == b[0].kind == "text":
        x, y = a[0].value, b[0].value
        common = len(_common_prefix(x, y))
        start = max(0, x.rfind(" ", 0, max(0, common - 30)) + 1)
        return _cut(x[start:common + 90], start > 0), _cut(y[start:common + 90], start > 0)
    before = "".join(token.html() for token in theirs[max(0, i1 - 2):i1])[-60:]
    return (_cut(before + "".join(t.html() for t in theirs[i1:min(i2, i1 + 8)]) or "(nothing)", bool(before)),
            _cut(before + "".join(t.html() for t in mine[j1:min(j2, j1 + 8)]) or "(nothing)", bool(before)))


def _common_prefix(x: str, y: str) -> str:
    index = 0
    while index < min(len(x), len(y)) and x[index] == y[index]:
        index += 1
    return x[:index]


def _cut(text: str, clipped_start: bool) -> str:
    text = text.replace("\n", "⏎")
    if len(text) > 160:
        text = text[:159] + "…"
    return ("…" + text) if clipped_start else text


def _source_line(source: str, tokens: list[normalize.Token], before: list[normalize.Token]) -> str:
    """The Markdown line the difference comes from: the first line holding three words of it."""
    for token in [*tokens, *before]:
        if token.kind != "text":
            continue
        words = _WORDS.findall(normalize.fold_typography(token.value))
        for start in range(max(1, len(words) - 2)):
            probe = words[start:start + 3]
            if not probe:
                break
            pattern = re.compile(r"\W+".join(re.escape(word) for word in probe), re.I)
            for line in source.splitlines():
                if pattern.search(normalize.fold_typography(line)):
                    return line.strip()[:200]
            if start > 5:
                break
    return ""
