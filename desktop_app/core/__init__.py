"""Qt-free core of Postdesk: plain data types, typed errors, no PySide6 import anywhere below."""
