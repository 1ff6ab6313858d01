"""What the bundle leaves out, so it stays under its 250 MB target (packaging/postdesk.spec).

Postdesk uses QtCore, QtGui, QtWidgets and QtWebEngine (Core and Widgets). QtWebEngineCore's
library links against QtQuick, QtQml, QtWebChannel, QtPositioning, QtNetwork, QtOpenGL and QtDBus,
so those *libraries* stay (PyInstaller finds them by their links). Their *Python bindings*, QML
plugins and QML files are not used, and excluding the bindings keeps PyInstaller's Qt hooks from
collecting the rest. Plain Python: no test tools, no Tk, no build tools.

Qt-free and import-free, so tests can check the rules without PyInstaller.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# PySide6 modules Postdesk never imports; several would otherwise come in through QtWebEngineCore's
# hook (it adds a binding for each Qt library the engine links to). QtWebChannel is not here:
# QtWebEngineCore's binding imports it.
UNUSED_QT_BINDINGS = [
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtWebEngineQuick", "PySide6.QtPositioning", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtSql", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtQuick3D",
    "PySide6.Qt3DCore", "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.QtGraphs",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtTest", "PySide6.QtXml",
    "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtSensors", "PySide6.QtSerialPort",
    "PySide6.QtTextToSpeech", "PySide6.QtSpatialAudio", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
    "PySide6.QtStateMachine", "PySide6.QtHttpServer", "PySide6.QtWebSockets", "PySide6.QtLocation",
    "PySide6.QtConcurrent", "PySide6.QtAxContainer", "PySide6.QtSvgWidgets",
]

UNUSED_PYTHON = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data", "test",
    "unittest", "doctest", "pytest", "_pytest", "pytestqt", "hypothesis", "pip", "setuptools",
    "pkg_resources", "distutils", "wheel", "PyInstaller", "IPython",
]

EXCLUDED_MODULES = UNUSED_QT_BINDINGS + UNUSED_PYTHON

# Files dropped after analysis (paths inside the bundle, fnmatch patterns):
QT = "PySide6/Qt/"
DROPPED = (
    # Qt's translations (qtbase_de.qm …): Postdesk's UI is English and loads no QTranslator.
    QT + "translations/*.qm",
    # Chromium's UI strings (context menus, form controls, error pages) in 54 languages, 44 MB:
    # Postdesk's UI is English, and QtWebEngine falls back to en-US quietly for any other locale.
    QT + "translations/qtwebengine_locales/*.pak",
    # The DevTools front end: Postdesk never opens the web inspector.
    QT + "resources/qtwebengine_devtools_resources.pak",
    # Platforms for devices without a window system (framebuffer, EGLFS, VNC, Vulkan display):
    # a desktop needs xcb (X11) or wayland, and `--self-test` or `render --pdf` offscreen.
    QT + "plugins/platforms/libqeglfs.so", QT + "plugins/platforms/libqlinuxfb.so",
    QT + "plugins/platforms/libqminimal.so", QT + "plugins/platforms/libqminimalegl.so",
    QT + "plugins/platforms/libqvnc.so", QT + "plugins/platforms/libqvkkhrdisplay.so",
    QT + "plugins/egldeviceintegrations/*", QT + "plugins/generic/*",
    QT + "lib/libQt6EglFSDeviceIntegration.so.6", QT + "lib/libQt6EglFsKmsSupport.so.6",
    QT + "lib/libQt6EglFsKmsGbmSupport.so.6",
    # Printer discovery through CUPS: Postdesk prints only to PDF files, through QtWebEngine.
    QT + "plugins/printsupport/libcupsprintersupport.so",
    # The GTK platform theme: Postdesk draws its own light and dark themes (ui/style.py) and keeps
    # the portal theme for native file dialogs; this plugin would bring GTK's cairo and pango.
    QT + "plugins/platformthemes/libqgtk3.so",
    # The QML on-screen keyboard, and PDFs read as images (QtPdf): neither is used.
    QT + "plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    QT + "lib/libQt6VirtualKeyboard.so.6", QT + "lib/libQt6VirtualKeyboardQml.so.6",
    QT + "plugins/imageformats/libqpdf.so", QT + "lib/libQt6Pdf.so.6",
)


KEPT = (QT + "translations/qtwebengine_locales/en-US.pak",)


def is_dropped(destination: str) -> bool:
    """Whether the file at this path inside the bundle is left out."""
    path = PurePosixPath(destination.replace("\\", "/"))
    return not any(path.match(pattern) for pattern in KEPT) and any(path.match(pattern) for pattern in DROPPED)


def lean(toc: list) -> list:
    """A PyInstaller TOC (destination, source, kind) without the files Postdesk never uses, nor
    symlinks to them."""
    return [entry for entry in toc if not is_dropped(entry[0])
            and not (entry[2] == "SYMLINK" and is_dropped(_link_target(entry)))]


# Loaded with dlopen, never linked, so no import lists them: NSS's crypto modules (certificates for
# https images), and libgcc_s (glibc loads it to cancel threads). libpython is the bootloader's.
DLOPENED = ("libpython", "libnss", "libsoftokn", "libfreebl", "libgcc_s")


def _top_level(destination: str) -> bool:
    return "/" not in destination.replace("\\", "/")


def prune_unneeded(toc: list, imports: Callable[[str], Iterable[str]]) -> list:
    """Drop the system libraries at the bundle's top level that no kept binary loads: they came in
    for a dropped plugin (the GTK theme's cairo and pango, the CUPS printer plugin's Kerberos …).
    `imports(source)` names the libraries a binary loads, directly or not (ldd). A symlink goes
    with its target."""
    def prunable(entry: tuple) -> bool:
        destination, _source, kind = entry
        return kind == "BINARY" and _top_level(destination) and not destination.startswith(DLOPENED)

    needed: set[str] = set()
    for entry in toc:
        if entry[2] in ("BINARY", "EXTENSION", "EXECUTABLE") and not prunable(entry):
            needed.update(PurePosixPath(name).name for name in imports(entry[1]))
    kept = [entry for entry in toc if not prunable(entry) or entry[0] in needed]
    present = {entry[0] for entry in kept}
    return [entry for entry in kept if entry[2] != "SYMLINK" or _link_target(entry) in present]


def _link_target(entry: tuple) -> str:
    """The bundle path a SYMLINK entry (destination, relative target, "SYMLINK") points at."""
    destination, target, _kind = entry
    return posixpath.normpath(posixpath.join(posixpath.dirname(destination.replace("\\", "/")), target))
