"""A `Comparison` as a Markdown report (figures, categories, each differing post) or as text lines."""

from __future__ import annotations

from generators.compare import DIFFERENT, FAILED, IDENTICAL, TYPOGRAPHY, Comparison, PostResult


def _percent(part: int, total: int) -> str:
    return f"{100 * part / total:.0f}%" if total else "—"


def summary_lines(result: Comparison) -> list[str]:
    core, apart = result.rates(False), result.rates(True)
    failed = sum(post.status == FAILED for post in result.posts)
    components = sum(bool(post.components) for post in result.group(False))
    lines = [
        f"{result.generator} ({result.generator_version}) vs Postdesk ({result.flavor}) on {result.site}",
        (f"  posts compared: {core['posts']}; body identical: {core['identical']} "
         f"({_percent(core['identical'], core['posts'])}) strictly, {core['identical_ignoring_typography']} "
         f"({_percent(core['identical_ignoring_typography'], core['posts'])}) ignoring quotes/dashes/ellipses"),
    ]
    if components:
        lines.append(f"  of which {components} use the site's MDX components (compared as placeholders)")
    if apart["posts"]:
        lines.append(f"  counted apart (shortcodes/Liquid only the site or theme defines, run as stubs): "
                     f"{apart['posts']}; identical {apart['identical']} ({_percent(apart['identical'], apart['posts'])}), "
                     f"ignoring typography {apart['identical_ignoring_typography']} "
                     f"({_percent(apart['identical_ignoring_typography'], apart['posts'])})")
    if failed:
        lines.append(f"  the generator failed on {failed} post(s) (not counted)")
    if result.skipped:
        lines.append(f"  not compared: {len(result.skipped)} (empty body or not rendered by the generator)")
    lines.append(f"  time: generator build {result.build_seconds:.1f} s, Postdesk {result.postdesk_seconds:.1f} s, "
                 f"comparison {result.compare_seconds:.1f} s")
    return lines


def markdown(result: Comparison, examples: int = 0) -> str:
    """The full report: summary, categories, then every post that is not identical."""
    out = [f"# {result.generator} vs Postdesk ({result.flavor})", "", "```", *summary_lines(result), "```", ""]
    for apart, title in ((False, "Differences"), (True, "Differences in posts counted apart")):
        categories = result.categories(apart)
        if not categories:
            continue
        out += [f"## {title}", "", "| category | posts | only remaining difference |", "|---|---:|---:|"]
        out += [f"| {name} | {counts['posts']} | {counts['only_difference']} |" for name, counts in categories.items()]
        out.append("")
    order = result.fix_order(False)
    if order:
        total = result.rates(False)["posts"]
        out += ["## Identical once fixed (cumulative, greedy order)", "", "| fixing also | posts identical |",
                "|---|---:|", f"| (nothing) | {result.rates(False)['identical']} "
                f"({_percent(result.rates(False)['identical'], total)}) |"]
        out += [f"| {kind} | {count} ({_percent(count, total)}) |" for kind, count in order]
        out.append("")
    out += ["## Posts", "", "| post | status | categories | first difference (after folding typography) |",
            "|---|---|---|---|"]
    for post in result.posts:
        if post.status == IDENTICAL:
            continue
        out.append(f"| {post.path} | {_status(post)} | {', '.join(post.categories) or '—'} | {_first(post)} |")
    if result.skipped:
        out += ["", "## Not compared", ""]
        out += [f"- {path}: {why}" for path, why in sorted(result.skipped.items())]
    return "\n".join(out) + "\n"


def _status(post: PostResult) -> str:
    status = post.status
    if post.apart:
        status += " (apart: " + "; ".join(post.apart) + ")"
    if post.status == FAILED:
        status += f": {post.note}"
    return _cell(status)


def _first(post: PostResult) -> str:
    if post.status not in (DIFFERENT, TYPOGRAPHY):
        return ""
    parts = [f"in `{post.where}`"]
    if post.markdown:
        parts.append(f"Markdown `{_code(post.markdown)}`")
    parts.append(f"generator `{_code(post.generator_html)}`")
    parts.append(f"Postdesk `{_code(post.postdesk_html)}`")
    return _cell("; ".join(parts))


def _code(text: str) -> str:
    return text.replace("`", "ˋ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
