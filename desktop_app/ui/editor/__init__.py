"""The Markdown editor: the text widget, its highlighter, the find/replace bar and the message bar above it."""
