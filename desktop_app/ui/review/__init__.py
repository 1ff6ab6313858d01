"""Reviewing a change: the three-form diff view (fields, text, rendered), the compare dialog and a post's history."""
