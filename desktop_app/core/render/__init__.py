"""A post as its site shows it: the Markdown engines, template placeholders, the sanitizer, what the preview may load, the preview page, links and the source map."""
