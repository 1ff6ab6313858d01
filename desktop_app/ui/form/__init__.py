"""The front-matter form: one editor widget per field kind, groups, nested fields, images and tags."""
