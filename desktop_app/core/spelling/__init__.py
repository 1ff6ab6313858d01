"""Spell checking's words: the Enchant library and the dictionaries this machine has."""
