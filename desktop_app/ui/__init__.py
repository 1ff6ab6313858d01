"""PySide6 widgets that bind the Qt-free core to the screen.

Importing this package first spares every later import PySide6's source scan (`import_scan.py`).
"""

import PySide6.QtCore  # noqa: F401 - the scan's hook exists once PySide6 is imported

from desktop_app.ui.import_scan import skip_source_scan

skip_source_scan()
