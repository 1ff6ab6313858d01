"""`postdesk check`'s core: every post of a site validated, each problem placed at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import Cancelled
from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.library.checker import Finding, check_site, key_line
from desktop_app.core.tasks import CancelToken

POST_FIELDS = (
    FieldSpec("title", f.TEXT, required=True),
    FieldSpec("date", f.DATE, required=True),
    FieldSpec("draft", f.BOOLEAN, required=True),
    FieldSpec("layout", f.SELECT, options=(Option("post", "Post"), Option("page", "Page"))),
    FieldSpec("rating", f.NUMBER, minimum=1, maximum=5),
    FieldSpec("author", f.RELATION, relation=Relation("authors")),
    FieldSpec("credits", f.LIST, fields=(FieldSpec("name", f.TEXT, required=True),)),
    FieldSpec("uuid", f.HIDDEN, required=True),
    FieldSpec("body", f.BODY, required=True),
)
AUTHOR_FIELDS = (FieldSpec("name", f.TEXT, required=True),)

GOOD = "---\ntitle: Good\ndate: 2024-01-01\nauthor: ann\nrating: 3\nlayout: post\n---\nBody.\n"


def write(root: Path, relative: str, text: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def make_site(root: Path, posts: dict[str, str | bytes], authors: dict[str, str] | None = None,
              post_fields: tuple[FieldSpec, ...] = POST_FIELDS) -> SiteConfig:
    for name, text in posts.items():
        write(root, f"content/posts/{name}", text)
    authors = {"ann.md": "---\nname: Ann\n---\n", "bob.md": "---\nname: Bob\n---\n"} if authors is None else authors
    for name, text in authors.items():
        write(root, f"content/authors/{name}", text)
    return SiteConfig(root, (Collection("posts", "Posts", "content/posts", fields=post_fields),
                             Collection("authors", "Authors", "content/authors", fields=AUTHOR_FIELDS)))


def findings_of(site: SiteConfig, name: str) -> list[Finding]:
    return [finding for finding in check_site(site).findings if finding.path == f"content/posts/{name}"]


def test_a_valid_site_passes(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"good.md": GOOD, "other.md": GOOD.replace("author: ann", "author: bob")})
    report = check_site(site)
    assert report.findings == []
    assert report.ok
    assert report.files == 4  # two posts, two authors
    assert report.invalid_files == 0


def test_each_problem_names_file_line_and_field(tmp_path: Path) -> None:
    bad = ("---\n"
           "title: Bad\n"
           "date: TBD\n"
           "layout: blog\n"
           "rating: 9\n"
           "author: zed\n"
           "---\n")
    site = make_site(tmp_path, {"good.md": GOOD, "bad.md": bad})
    report = check_site(site)
    assert not report.ok
    assert report.invalid_files == 1
    assert [str(finding) for finding in report.findings] == [
        "content/posts/bad.md:3: date: Not a date: 'TBD' (write it like 2025-01-31).",
        "content/posts/bad.md:4: layout: 'blog' is not one of the choices (Post, Page).",
        "content/posts/bad.md:5: rating: Must be at most 5.",
        "content/posts/bad.md:6: author: 'zed' is not an entry of authors.",
    ]


def test_a_missing_required_field_has_no_line_to_point_at(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"untitled.md": "---\ndate: 2024-01-01\n---\nText.\n"})
    [finding] = findings_of(site, "untitled.md")
    assert (finding.key, finding.message, finding.line) == ("title", "Required.", None)
    assert str(finding) == "content/posts/untitled.md: title: Required."


def test_hidden_body_and_boolean_fields_are_not_demanded(tmp_path: Path) -> None:
    """The schema requires uuid (hidden), body and draft (boolean): none is reported."""
    site = make_site(tmp_path, {"good.md": GOOD})
    assert findings_of(site, "good.md") == []


def test_a_nested_problem_points_at_its_top_level_field(tmp_path: Path) -> None:
    text = "---\ntitle: T\ndate: 2024-01-01\ncredits:\n  - name: Ann\n  - role: editor\n---\n"
    site = make_site(tmp_path, {"credits.md": text})
    [finding] = findings_of(site, "credits.md")
    assert (finding.key, finding.message, finding.line) == ("credits[2].name", "Required.", 4)


def test_relations_are_checked_against_the_other_collections_entries(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"a.md": GOOD.replace("ann", "carol")},
                     authors={"carol.md": "---\nname: Carol\n---\n"})
    assert findings_of(site, "a.md") == []
    site = make_site(tmp_path, {"a.md": GOOD.replace("ann", "dave")})
    assert [finding.key for finding in findings_of(site, "a.md")] == ["author"]


def test_a_relation_to_an_empty_collection_is_not_reported(tmp_path: Path) -> None:
    """No entries to choose from is the site's state, not every post's problem."""
    site = make_site(tmp_path, {"good.md": GOOD}, authors={})
    assert check_site(site).findings == []


def test_a_collection_without_a_schema_is_checked_against_its_usual_values(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write(tmp_path, f"posts/{name}.md", f"---\ntitle: {name}\ndate: 2024-01-0{ord(name) - 96}\nweight: 1\n---\n")
    write(tmp_path, "posts/d.md", "---\ntitle: d\ndate: TBD\nweight: heavy\n---\n")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"),))
    report = check_site(site)
    assert [(finding.path, finding.key, finding.line) for finding in report.findings] == [
        ("posts/d.md", "date", 3), ("posts/d.md", "weight", 4)]


def test_a_file_that_is_not_utf8_is_reported_and_the_rest_still_checked(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"latin1.md": "---\ntitle: Café\ndate: 2024-01-01\n---\n".encode("latin-1"),
                                "bad.md": "---\ntitle: x\ndate: soon\n---\n"})
    report = check_site(site)
    assert report.files == 4
    latin = [finding for finding in report.findings if finding.path == "content/posts/latin1.md"]
    [finding] = latin
    assert "is not UTF-8: it was read as Windows-1252" in finding.message and "The site expects UTF-8" in finding.message
    assert finding.key == "" and finding.line is None
    assert str(finding).startswith("content/posts/latin1.md: ")
    assert any(finding.path == "content/posts/bad.md" and finding.key == "date" for finding in report.findings)
    assert report.invalid_files == 2


def test_a_duplicate_key_is_reported_at_its_second_definition(tmp_path: Path) -> None:
    text = "---\ntitle: First\ndate: 2024-01-01\ntitle: Second\nrating: 7\n---\n"
    site = make_site(tmp_path, {"dup.md": text})
    findings = findings_of(site, "dup.md")
    assert (findings[0].key, findings[0].line, findings[0].column) == ("", 4, 1)
    assert "duplicate key 'title'" in findings[0].message and "line 2" in findings[0].message
    assert str(findings[0]).startswith("content/posts/dup.md:4:1: duplicate key 'title'")
    # The values the site reads are still checked.
    assert [(finding.key, finding.line) for finding in findings[1:]] == [("rating", 5)]


def test_front_matter_that_cannot_be_read_is_reported_with_line_and_column(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"broken.md": "---\ntitle: Broken\ndate: 2024-01-01\nsummary: a: b\n---\n"})
    [finding] = findings_of(site, "broken.md")
    assert (finding.key, finding.line, finding.column) == ("", 4, 11)
    assert "mapping values are not allowed" in finding.message
    assert str(finding).startswith("content/posts/broken.md:4:11: mapping values")


def test_an_unclosed_front_matter_block_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"open.md": "---\ntitle: Open\n\nNo closing line.\n"})
    [finding] = findings_of(site, "open.md")
    assert "never closed" in finding.message and finding.line == 1


def test_toml_and_json_posts_are_checked_with_their_lines(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "toml.md": '+++\ntitle = "T"\ndate = "soon"\n+++\nBody\n',
        "json.md": '{\n  "title": "J",\n  "date": "2024-01-01",\n  "rating": 0\n}\nBody\n',
    })
    assert [(finding.key, finding.line) for finding in findings_of(site, "toml.md")] == [("date", 3)]
    assert [(finding.key, finding.line) for finding in findings_of(site, "json.md")] == [("rating", 4)]


def test_check_can_be_cancelled(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"good.md": GOOD})
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        check_site(site, token)


def test_a_finding_as_json() -> None:
    assert Finding("content/posts/a.md", "date", "Not a date.", 3).to_json() == {
        "file": "content/posts/a.md", "field": "date", "message": "Not a date.", "line": 3, "column": None}
    assert Finding("content/posts/a.md", "", "Broken.", 4, 11).to_json() == {
        "file": "content/posts/a.md", "field": None, "message": "Broken.", "line": 4, "column": 11}


def test_a_finding_as_text() -> None:
    assert str(Finding("a.md", "date", "Not a date.", 3)) == "a.md:3: date: Not a date."
    assert str(Finding("a.md", "", "Broken.", 4, 11)) == "a.md:4:11: Broken."
    assert str(Finding("a.md", "title", "Required.")) == "a.md: title: Required."


# --- key_line ---------------------------------------------------------------------------------

YAML_POST = ("---\n"
             "# a comment\n"
             "dateModified: 2024-02-02\n"
             "params:\n"
             "  date: nested\n"
             '"date": 2024-01-01\n'
             "'tags' : [a]\n"
             "title   : x\n"
             "---\n"
             "date: in the body\n")


@pytest.mark.parametrize("key, line", [("date", 6), ("dateModified", 3), ("params", 4), ("tags", 7),
                                       ("title", 8), ("missing", None)])
def test_key_line_finds_the_top_level_key(key: str, line: int | None) -> None:
    assert key_line(fm.split(YAML_POST), key) == line


def test_key_line_counts_from_the_first_line_of_the_file() -> None:
    doc = fm.split("\ufeff---\r\ntitle: x\r\ndate: 2024-01-01\r\n---\r\n")
    assert key_line(doc, "date") == 3


def test_key_line_in_toml_and_json() -> None:
    assert key_line(fm.split('+++\ntitle = "x"\ndate = 2024-01-01\n+++\n'), "date") == 3
    assert key_line(fm.split('{\n  "title": "x",\n  "date": "2024-01-01"\n}\n'), "date") == 3


def test_key_line_without_front_matter() -> None:
    assert key_line(fm.split("title: not front matter\n"), "title") is None


def test_key_line_in_json_skips_a_nested_key_of_the_same_name() -> None:
    doc = fm.split('{\n  "params": {\n    "date": "a"\n  },\n  "date": "nope"\n}\nBody\n')
    assert key_line(doc, "date") == 5


def test_key_line_in_toml_stops_at_the_first_table() -> None:
    doc = fm.split('+++\ntitle = "x"\n[params]\ndate = 2024-01-01\n+++\n')
    assert key_line(doc, "date") is None


def test_a_post_linking_outside_the_repository_is_a_finding_and_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "blog/posts").mkdir(parents=True)
    (tmp_path / "outside.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    (tmp_path / "blog/posts/a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    (tmp_path / "blog/posts/link.md").symlink_to(tmp_path / "outside.md")
    report = check_site(SiteConfig(tmp_path / "blog", (Collection("posts", "Posts", "posts"),)))
    assert [str(finding) for finding in report.findings] == [
        f"posts/link.md: leads outside the repository (to {tmp_path / 'outside.md'}), so Postdesk does not open it."]
