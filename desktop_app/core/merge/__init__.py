"""Merging posts: git's text merge, the field-by-field merge of a post, and a pull's conflicts and the way out of them."""
