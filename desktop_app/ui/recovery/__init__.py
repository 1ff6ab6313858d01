"""Crash recovery in the window: the journal written while typing and the dialog offering what a crash left."""
