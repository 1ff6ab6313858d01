"""PySide6 widgets that bind the Qt-free core to the screen."""
