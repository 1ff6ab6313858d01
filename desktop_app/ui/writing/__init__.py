"""What helps while writing, beside the editor: spell checking as you type, the outline sidebar, and counts with a word goal."""
