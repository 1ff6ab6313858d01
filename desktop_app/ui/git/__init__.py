"""Git in the window: the changes panel, the conflicts panel, the branch menu, badges and the sign-in dialogs."""
