"""How long a post is, as a writer counts it: words, characters and reading time of its body.

Words are counted as the preview's reading time counts them (`count_words`, which the render
pipeline uses), so the status bar and the preview's header agree. These live here, not in the
pipeline, so that the window's status bar and form can count without loading the renderer and
its cleaner before the first paint. Characters leave out line breaks (a writer's "2,000
characters" means what is on the page); the count without spaces is what some publications ask
for. The front matter is not part of the post's length.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.errors import FrontMatterError
from desktop_app.core.frontmatter.parse import split

WORDS_PER_MINUTE = 220  # the sample site's own formula (lib/posts.ts)


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE)) if words else 0


def count_words(text: str) -> int:
    return len(text.split())  # the runs of \S+ (str.isspace is re's \s), without a list of matches


@dataclass(frozen=True)
class Counts:
    words: int
    characters: int  # line breaks not counted
    characters_without_spaces: int

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words)


def count(text: str) -> Counts:
    """The counts of `text` (a selection, or a body)."""
    characters = len(text) - text.count("\n") - text.count("\r")
    words = text.split()  # the runs of non-space that `count_words` counts, in one pass
    return Counts(len(words), characters, len("".join(words)))


def body(text: str) -> str:
    """The post's body: the text after its front matter (all of it when the front matter is broken)."""
    try:
        return split(text).body
    except FrontMatterError:
        return text


def body_counts(text: str) -> Counts:
    return count(body(text))


__all__ = ["Counts", "body", "body_counts", "count"]
