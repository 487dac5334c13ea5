"""Starting the desktop app: ``run(library)`` is what ``briefdesk`` with no command calls.

The library is the ``--library`` argument, else ``$BRIEFDESK_LIBRARY``, else the default location
(``app.paths.default_library_path()``). On a first run, when that file does not exist yet, it is created
and filled with the demo content, so a new user sees the panes populated. (File > New library creates an
empty one.)

Environment hooks for measurement and smoke tests (none is needed for normal use):

- ``BRIEFDESK_TIMING=1``: print ``briefdesk-timing: ...`` lines on stderr (time to the window shown and to
  the first rows of the list shown, since the process started).
- ``BRIEFDESK_QUIT_AFTER_INTERACTIVE=1``: quit once the first rows are shown (start-up benchmarks, smoke
  tests of a frozen build).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path

from app import paths

log = logging.getLogger(__name__)

_T_PROCESS = time.perf_counter()


def _process_start_offset() -> float:
    """Seconds since the process started (falls back to since this module was imported)."""
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _T_PROCESS


def resolve_library_path(library: str | os.PathLike | None) -> Path | str:
    """The library to start with: ``library``, else ``$BRIEFDESK_LIBRARY``, else the default; a file's path,
    or a team library's address (kept as text). A value that cannot name a library (blank, a control
    character, an address other than postgresql://, a name too long, a system folder) is ValidationError in
    plain words, before anything is created."""
    from app.errors import ValidationError
    from app.storage import postgres

    if library is not None:
        text, given_as = os.fspath(library), "--library"
    else:
        text, given_as = os.environ.get("BRIEFDESK_LIBRARY") or "", "$BRIEFDESK_LIBRARY"
        if not text:
            return paths.default_library_path()
    problem = paths.library_argument_problem(text, given_as)
    if problem:
        raise ValidationError(problem[0].upper() + problem[1:] + ".")
    if postgres.is_url(text):
        return text.strip()
    return paths.check_path(text, "library path")


def open_or_create(path: Path | str):
    """Open the library at ``path``; if there is none, create it with the demo content (first run). A team
    library's address is opened as it is (an empty database becomes an empty team library)."""
    from app.library import Library

    if isinstance(path, str):
        return Library.open(path)
    if path.exists():
        return Library.open(path, create=False)
    lib = Library.open(path, create=True)
    try:
        from app.demo import populate

        populate(lib)
    except Exception:
        lib.close()
        raise
    log.info("created %s with the demo content", path)
    return lib


def setup_logging() -> Path | None:
    """Log to a rotating file in the user log directory (warnings also to stderr)."""
    from ui.error_dialog import LOG_FILENAME

    root = logging.getLogger()
    if any(getattr(h, "_briefdesk", False) for h in root.handlers):
        return None
    try:
        log_dir = paths.log_dir()
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILENAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler._briefdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
        for h in root.handlers:
            if not getattr(h, "_briefdesk", False) and h.level == logging.NOTSET:
                h.setLevel(logging.WARNING)
    return log_dir / LOG_FILENAME


def make_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from ui.about_dialog import app_version

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Briefdesk")
    app.setOrganizationName("Briefdesk")
    app.setApplicationVersion(app_version())
    app.setDesktopFileName("briefdesk")
    return app


def _install_excepthook(get_window):
    """Show uncaught exceptions (in slots) in the error dialog; returns the previous hook."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        try:
            from ui.error_dialog import show_error

            show_error(get_window(), exc)
        except Exception:  # noqa: BLE001 - never raise from the hook
            previous(exc_type, exc, tb)

    sys.excepthook = hook
    return previous


def _connect_after_failure(address: str, error: str, settings):
    """The team library given at start-up could not be opened: the connection dialog, filled in with its
    address and the reason. Returns the library, or None if the analyst gave up."""
    from app.storage import postgres
    from ui.team_library_dialog import TeamLibraryDialog

    recent = [p for p in settings.get("recent_libraries") if postgres.is_url(p)]
    dlg = TeamLibraryDialog(recent=recent, address=address, error=error)
    dlg.exec()
    return dlg.library


def run(library: str | None = None) -> int:
    """Start the desktop app on ``library`` (see the module docstring); returns the exit code."""
    timing = os.environ.get("BRIEFDESK_TIMING") == "1"
    quit_after = os.environ.get("BRIEFDESK_QUIT_AFTER_INTERACTIVE") == "1"
    setup_logging()
    app = make_application()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from app.errors import BriefdeskError
    from ui import theme
    from ui.error_dialog import show_error
    from ui.icons import icon
    from ui.main_window import MainWindow
    from ui.settings import Settings

    settings = Settings.load()
    theme.apply(app, settings.get("appearance"))
    hints = app.styleHints()

    def follow_system(_scheme) -> None:
        theme.apply(app, settings.get("appearance"))

    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(follow_system)
    app.setWindowIcon(icon("briefdesk"))

    try:
        path = resolve_library_path(library)
    except BriefdeskError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, "Briefdesk", str(exc))
        box.setInformativeText("Start Briefdesk with another library: briefdesk --library PATH")
        box.exec()
        return 1
    try:
        lib = open_or_create(path)
    except BriefdeskError as exc:
        if isinstance(path, str):  # a team library: say why, and let the analyst fix the address or login
            lib = _connect_after_failure(path, str(exc), settings)
            if lib is None:
                return 1
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, "Briefdesk", str(exc))
            box.setInformativeText("Start Briefdesk with another library: briefdesk --library PATH")
            box.exec()
            return 1
    except Exception as exc:  # noqa: BLE001
        show_error(None, exc)
        return 1

    window = MainWindow(lib, settings)
    current = {"window": window}
    window.library_switched.connect(lambda w: current.update(window=w))
    previous_hook = _install_excepthook(lambda: current["window"])
    t_start = _process_start_offset() - (time.perf_counter() - _T_PROCESS)

    def since_start() -> float:
        return (time.perf_counter() - _T_PROCESS) + t_start

    def interactive(_seconds: float) -> None:
        if timing:
            sys.stderr.write(f"briefdesk-timing: first_rows_shown={since_start():.3f}s\n")
            sys.stderr.flush()
        if quit_after:
            QTimer.singleShot(0, window.quit)

    window.interactive.connect(interactive)
    window.show()
    if timing:
        QTimer.singleShot(
            0, lambda: sys.stderr.write(f"briefdesk-timing: window_shown={since_start():.3f}s\n")
        )
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.disconnect(follow_system)
        from ui.main_window import open_windows

        for w in [*open_windows(), window, current["window"]]:
            w.close()
            w.deleteLater()
        current.clear()
        app.processEvents()
