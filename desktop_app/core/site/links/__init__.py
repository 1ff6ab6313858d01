"""Links between posts: where a link leads (`resolve`), the link to write, as the site's posts write theirs (`style`), and the writing hints that check a post's links among the rest (`hints`)."""
