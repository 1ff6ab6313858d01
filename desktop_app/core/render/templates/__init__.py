"""Template syntax that site generators expand around or inside Markdown, rendered as they render
it where Postdesk can: Hugo's built-in shortcodes (`hugo.py`), Jekyll's Liquid (`liquid.py`) and
MDX's imports and components (`mdx.py`). What only the site's own code can expand stays a
labelled placeholder (`core/render/placeholders.py`)."""
