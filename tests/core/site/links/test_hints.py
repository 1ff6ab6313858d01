"""Writing hints: what a search engine, a screen reader or a reader clicking through would trip
over, said once per thing, on the line where it is, and never about code."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.library.checker import check_site
from desktop_app.core.site.links.hints import Hint, HintRules, hint_rules, post_hints
from desktop_app.core.site.links.style import scan_links


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def hints_of(text: str, **kwargs: object) -> list[Hint]:
    return post_hints("posts/a.md", fm.read_post(text), **kwargs)  # type: ignore[arg-type]


def test_a_title_longer_than_search_engines_show() -> None:
    title = "A title that goes on and on well past what any search result shows"
    found = hints_of(f"---\ntitle: {title}\n---\nBody.\n")
    assert found == [Hint("title", f"The title is {len(title)} characters; search engines show about 60.")]
    assert hints_of("---\ntitle: Short and sweet\n---\nBody.\n") == []


def test_a_description_too_long_or_missing_where_the_collection_has_them() -> None:
    long = "word " * 40
    assert hints_of(f"---\ntitle: T\ndescription: {long}\n---\n")[0].message == \
        "The description is 199 characters; search engines show about 160."
    missing = "---\ntitle: T\n---\nBody.\n"
    assert hints_of(missing) == []  # a site whose posts have no descriptions hears nothing about them
    assert hints_of(missing, describes=True) == [
        Hint("description", "No description: search engines will show a passage of their own choosing.")]


def test_the_sites_own_lengths_from_front_matter_cms_or_postdesk_yml(tmp_path: Path) -> None:
    write(tmp_path, "frontmatter.json", '{\n  // Front Matter CMS allows comments\n'
          '  "frontMatter.taxonomy.seoTitleLength": 50,\n  "frontMatter.taxonomy.seoDescriptionField": "excerpt",\n}')
    site = SiteConfig(tmp_path, ())
    assert hint_rules(site) == HintRules(50, 160, "excerpt")
    assert hint_rules(SiteConfig(tmp_path, (), extra={"hints": {"title": 70, "description": 150}})) == \
        HintRules(70, 150, "description")
    assert not hint_rules(SiteConfig(tmp_path, (), extra={"hints": False})).enabled
    rules = HintRules(50, 160, "excerpt")
    text = "---\ntitle: Fifty-five characters is more than this site's fifty ok\n---\n"
    assert [hint.key for hint in hints_of(text, rules=rules)] == ["title"]
    assert hints_of(text, rules=HintRules(enabled=False)) == []


def test_images_without_alt_text_on_their_lines() -> None:
    text = ("---\ntitle: T\n---\nIntro.\n\n![](/images/a.png)\n\n![A chart](/images/b.png)\n"
            '<img src="c.png">\n<img src="d.png" alt="">\n{{< figure src="e.jpg" >}}\n![ ][ref]\n')
    found = hints_of(text)
    assert [(hint.line, hint.message) for hint in found] == [
        (6, "An image has no alt text (/images/a.png): describe it for readers who cannot see it."),
        (9, 'An image has no alt text (<img src="c.png">): describe it for readers who cannot see it.'),
        (11, 'An image has no alt text ({{< figure src="e.jpg" >}}): describe it for readers who cannot see it.'),
        (12, "An image has no alt text (ref): describe it for readers who cannot see it."),
    ]  # alt="" is how HTML marks a decorative image on purpose


def test_heading_levels_that_skip_one() -> None:
    text = "---\ntitle: T\n---\n## Fine\n### Fine too\n##### Skips four\n## Back up is fine\n#### Skips three\n"
    found = hints_of(text)
    assert [(hint.line, hint.message.split(":")[0]) for hint in found] == [
        (6, "The heading “Skips four” is level 5 right after level 3"),
        (8, "The heading “Skips three” is level 4 right after level 2"),
    ]
    assert "make it level 4 (####)" in found[0].message
    assert [h.line for h in hints_of("---\ntitle: T\n---\n### First under the title\n")] == [4]  # the title is h1
    setext = "Intro\n\nSection\n-------\n\nSub\n===\n\n#### Deep\n"
    assert [h.line for h in hints_of(setext)] == [9]  # setext headings count; the `===` one is level 1


def test_code_is_never_read() -> None:
    text = ("---\ntitle: T\n---\n```markdown\n#### Not a heading\n![](x.png)\n[a](missing.md)\n```\n\n"
            "    ![](indented.png)\n\nInline `![](y.png)` and `[b](gone.md)` are code.\n")
    write_links = scan_links(SiteConfig(Path("/nonexistent"), ()))
    assert hints_of(text, links=write_links) == []


@pytest.fixture
def blog(tmp_path: Path) -> SiteConfig:
    write(tmp_path, "posts/caching.md", "---\ntitle: Caching\n---\nSee [CQRS](/blog/cqrs) and [more](/blog/cqrs).\n")
    write(tmp_path, "posts/cqrs.md", "---\ntitle: CQRS\n---\nBack to [caching](/blog/caching).\n")
    write(tmp_path, "posts/renamed.md", "---\ntitle: R\nslug: short\n---\n")
    return SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"),), static_folder="public", generator="next")


def test_links_to_posts_that_do_not_exist(blog: SiteConfig) -> None:
    links = scan_links(blog)
    text = ("---\ntitle: T\n---\n[ok](/blog/cqrs) [slugged](/blog/short) [gone](/blog/no-such-post)\n"
            "[file](../posts/cqrs.md) [typo](../posts/cqsr.md#intro) [page](/about) [site](https://example.com)\n"
            "[pdf](/blog/files/guide.pdf) [list](/blog/) [anchor](#top)\n[ref]: /blog/vanished\n")
    found = post_hints("posts/caching.md", fm.read_post(text), links=links)
    assert [(hint.line, hint.message) for hint in found] == [
        (4, "The link /blog/no-such-post leads to no post of this site."),
        (5, "The link ../posts/cqsr.md#intro leads to no post of this site."),
        (7, "The link /blog/vanished leads to no post of this site."),
    ]


def test_links_in_a_collections_own_form(tmp_path: Path) -> None:
    """Projects are linked at `/work/…` though posts are at `/blog/…`: a `/work/` link that
    leads nowhere is said, a page elsewhere is left alone."""
    write(tmp_path, "posts/a.md", "---\ntitle: a\n---\n[b](/blog/b), [c](/blog/c) and [p](/work/p).\n")
    write(tmp_path, "posts/b.md", "---\ntitle: b\n---\n[c](/blog/c) and [q](/work/q).\n")
    for name in ("posts/c.md", "projects/p.md", "projects/q.md"):
        write(tmp_path, name, "---\ntitle: x\n---\n")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"), Collection("projects", "Projects", "projects")),
                      generator="next")
    text = "---\ntitle: T\n---\n[p](/work/p) [gone](/work/gone) [page](/about/team)\n"
    found = post_hints("posts/c.md", fm.read_post(text), links=scan_links(site))
    assert [hint.message for hint in found] == ["The link /work/gone leads to no post of this site."]


def test_template_links_to_posts(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "title: x\n")
    write(tmp_path, "_posts/2024-01-02-there.md", "---\ntitle: There\n---\n")
    from desktop_app.core.site.detect import load_site
    site = load_site(tmp_path)
    text = ("---\ntitle: T\n---\n[a]({% post_url 2024-01-02-there %}) [b]({% post_url 2024-01-03-gone %})\n"
            "[c]({% link _posts/2024-01-02-there.md %}) [d]({% link _posts/nope.md %})\n")
    found = post_hints("_posts/2024-01-01-here.md", fm.read_post(text), links=scan_links(site))
    assert [hint.message for hint in found] == [
        "The link {% post_url 2024-01-03-gone %} leads to no post of this site.",
        "The link {% link _posts/nope.md %} leads to no post of this site.",
    ]


def test_check_reports_hints_as_warnings_that_keep_the_site_valid(blog: SiteConfig) -> None:
    write(blog.root, "posts/long.md", "---\ntitle: " + "Long " * 15 + "\n---\n\n![](x.png)\n[x](/blog/gone)\n")
    report = check_site(blog)
    assert report.ok and report.findings == []
    assert [str(finding) for finding in report.warnings] == [
        "posts/long.md:2: warning: The title is 74 characters; search engines show about 60.",
        "posts/long.md:5: warning: An image has no alt text (x.png): describe it for readers who cannot see it.",
        "posts/long.md:6: warning: The link /blog/gone leads to no post of this site.",
    ]
    assert check_site(blog, with_hints=False).warnings == []
