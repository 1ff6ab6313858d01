"""The main window put together: layout, the post controller and its notices, outside changes, the wiring of git and recovery, the status bar and the dialogs it opens."""
