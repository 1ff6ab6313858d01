"""Finding things by name: quick open (a post by its title), the command palette (an action by
its name), the keyboard shortcuts, and File → Open Recent."""
