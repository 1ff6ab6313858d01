"""Postdesk: write, preview, review and publish the posts of a Markdown blog kept in git."""

__version__ = "0.1.0"
