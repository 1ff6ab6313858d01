"""A change in the review's three forms: fields, text (with changed words) and the rendered page."""
