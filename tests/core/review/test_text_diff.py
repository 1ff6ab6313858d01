"""The text diff: unified lines, with the changed words of each replaced run marked."""

from __future__ import annotations

from desktop_app.core.review.text_diff import diff_text, parse_unified, word_segments


def marked(line) -> list[str]:  # noqa: ANN001 - a DiffLine
    return [line.text[start:end] for start, end in line.spans]


def test_a_one_word_edit_marks_that_word_on_both_sides() -> None:
    diff = diff_text("# T\n\nThe quick brown fox jumps.\n\nEnd.\n", "# T\n\nThe slow brown fox jumps.\n\nEnd.\n")
    removed = [line for line in diff.lines if line.kind == "-"]
    added = [line for line in diff.lines if line.kind == "+"]
    assert [line.text for line in removed] == ["The quick brown fox jumps."]
    assert [line.text for line in added] == ["The slow brown fox jumps."]
    assert marked(removed[0]) == ["quick"] and marked(added[0]) == ["slow"]
    assert diff.unified().splitlines()[0] == "@@ -1,5 +1,5 @@"
    assert " End." in diff.unified().splitlines()


def test_words_are_matched_across_rewrapped_lines() -> None:
    old = "A paragraph that was\nwrapped at one width and says hello.\n"
    new = "A paragraph that was wrapped\nat another width and says hello.\n"
    diff = diff_text(old, new)
    spans = [text for line in diff.lines for text in marked(line)]
    assert spans == ["one", "another"]


def test_a_rewritten_line_is_not_confetti() -> None:
    diff = diff_text("Completely different words here.\n", "Nothing alike at all, truly.\n")
    assert all(line.spans == () for line in diff.lines)
    assert diff.counts() == (1, 1)


def test_new_and_deleted_files_are_all_added_or_all_removed() -> None:
    new = diff_text(None, "---\ntitle: Fresh\n---\nHi\n")
    assert new.unified().splitlines() == ["@@ -0,0 +1,4 @@", "+---", "+title: Fresh", "+---", "+Hi"]
    gone = diff_text("one\ntwo\n", None)
    assert gone.unified().splitlines() == ["@@ -1,2 +0,0 @@", "-one", "-two"]
    assert diff_text("same\n", "same\n").empty


def test_a_changed_final_newline_is_shown() -> None:
    diff = diff_text("a\nb\n", "a\nb")
    assert diff.unified().splitlines()[-1] == "\\ No newline at end of file"
    assert not diff.empty


def test_word_segments_of_a_changed_value() -> None:
    assert word_segments("The quick brown fox", "The slow brown fox today") == [
        ("=", "The "), ("-", "quick"), ("+", "slow"), ("=", " brown fox "), ("+", "today")]
    # A pure deletion keeps a space with the struck words, so they do not run into the next one.
    assert word_segments("keep this word", "keep word") == [("=", "keep "), ("-", "this "), ("=", "word")]


def test_a_git_unified_diff_gets_its_changed_words_marked() -> None:
    diff = parse_unified("diff --git a/p.md b/p.md\n--- a/p.md\n+++ b/p.md\n@@ -1,2 +1,2 @@\n"
                         "-author: Ana Ruiz\n+author: Ada Lovelace\n title: T\n")
    kinds = [line.kind for line in diff.lines]
    assert kinds == ["meta", "meta", "meta", "@", "-", "+", " "]
    assert marked(diff.lines[4]) == ["Ana Ruiz"] and marked(diff.lines[5]) == ["Ada Lovelace"]
    assert diff.unified().splitlines()[4:6] == ["-author: Ana Ruiz", "+author: Ada Lovelace"]
