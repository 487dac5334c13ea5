"""The Help menu's windows: the keyboard list, the user guide (docs/user-guide.md rendered in the app), and
"Report a problem" (the version, the system and the end of the log, copied for an e-mail; nothing is sent).

The keyboard list is read from the window's own actions and menus, so it always says what the keys do now.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

GUIDE_NAME = "user-guide.md"
LOG_TAIL_LINES = 200
LOG_TAIL_BYTES = 64_000
IMAGE_WIDTH = 640  # screenshots in the guide, scaled to the reading column


# --- keyboard ----------------------------------------------------------------------------------------------
def plain(text: str) -> str:
    """A menu text as read: no & accelerator, no shortcut after a tab."""
    return text.split("\t")[0].replace("&&", "\x00").replace("&", "").replace("\x00", "&").rstrip(".").strip()


def keys_of(action: QAction) -> str:
    keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()]
    if not keys and "\t" in action.text():  # a key the widget handles itself, shown after a tab
        keys = [action.text().split("\t", 1)[1]]
    return ", ".join(keys)


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(command, keys)]) for every command in the menu bar that has a key."""
    out = []
    for top in bar.actions():
        menu = top.menu()
        if menu is None:
            continue
        rows = []
        for a in menu.actions():
            if a.isSeparator() or a.menu() is not None:
                continue
            keys = keys_of(a)
            if keys:
                rows.append((plain(a.text()), keys))
        if rows:
            out.append((plain(top.text()), rows))
    return out


def _ident(obj: QAction) -> int:
    return int(shiboken6.getCppPointer(obj)[0])


def menu_actions(bar: QMenuBar) -> set[int]:
    """The actions in the menus (by identity: Python wrappers of one action need not be equal)."""
    out: set[int] = set()
    for top in bar.actions():
        if top.menu() is not None:
            out.update(_ident(a) for a in top.menu().actions())
    return out


def page_shortcuts(
    pages: dict[str, QWidget], in_menus: set[int] | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Keys that work in one page's list (its actions with a key of their own, not in the menus)."""
    in_menus = in_menus or set()
    out = []
    for name, page in pages.items():
        rows = []
        seen: set[str] = set()
        for a in page.findChildren(QAction):
            keys = keys_of(a)
            label = plain(a.text())
            if keys and label and label not in seen and _ident(a) not in in_menus:
                seen.add(label)
                rows.append((label, keys))
        if rows:
            out.append((f"In {name}", sorted(rows)))
    return out


# Keys every text field and list has (Qt's own), listed so the list is complete.
TEXT_KEYS = [
    ("Select the claim, source or brief above or below", "Up, Down"),
    ("Open the selected row", "Enter"),
    ("Cut, copy, paste in a text", "Ctrl+X, Ctrl+C, Ctrl+V"),
    ("Close a dialog without changes", "Esc"),
]


class KeyboardDialog(QDialog):
    """Every command with a key, grouped by menu and page, with a filter."""

    def __init__(
        self, groups: list[tuple[str, list[tuple[str, str]]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 620)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter: a command or a key")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for title, rows in [*groups, ("Everywhere", TEXT_KEYS)]:
            head = QTreeWidgetItem([title, ""])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            for label, keys in rows:
                head.addChild(QTreeWidgetItem([label, keys]))
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0) + 24, 300))
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.tree)
        lay.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every row shown."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                child = head.child(j)
                if not child.isHidden():
                    out.append((head.text(0), child.text(0), child.text(1)))
        return out

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            shown = 0
            for j in range(head.childCount()):
                child = head.child(j)
                hit = not needle or needle in child.text(0).casefold() or needle in child.text(1).casefold()
                child.setHidden(not hit)
                shown += hit
            head.setHidden(shown == 0)


# --- the user guide ----------------------------------------------------------------------------------------
def docs_folder() -> Path | None:
    """The docs folder: beside the packages in a source checkout, inside the bundle when frozen."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "docs")
    candidates.append(Path(__file__).resolve().parent.parent / "docs")
    return next((c for c in candidates if (c / GUIDE_NAME).is_file()), None)


def guide_html(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The guide's Markdown as HTML (screenshots scaled to the column) and its sections (anchor, title)."""
    import markdown

    md = markdown.Markdown(extensions=["tables", "fenced_code", "toc"])
    body = md.convert(text)
    body = re.sub(r"<img ", f'<img width="{IMAGE_WIDTH}" ', body)
    sections = [(t["id"], t["name"]) for top in md.toc_tokens for t in [top, *top.get("children", [])]]
    return body, sections


class GuideWindow(QDialog):
    """The user guide, with its contents beside it; links to other files open outside, anchors inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefdesk user guide")
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)
        self.resize(1000, 720)
        self.contents = QListWidget(self)
        self.contents.setObjectName("guideContents")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 760])
        self.contents.currentItemChanged.connect(
            lambda item, _prev: (
                item is not None and self.browser.scrollToAnchor(item.data(Qt.ItemDataRole.UserRole))
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        lay.addWidget(buttons)
        self.load()

    def load(self) -> None:
        folder = docs_folder()
        if folder is None:
            self.browser.setPlainText(
                "The user guide is not installed with this copy of Briefdesk. It is docs/user-guide.md in "
                "Briefdesk's source."
            )
            return
        body, sections = guide_html((folder / GUIDE_NAME).read_text(encoding="utf-8"))
        self.browser.setSearchPaths([str(folder)])
        self.browser.setHtml(body)
        for anchor, title in sections:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
            self.contents.addItem(item)

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and not url.path():
            self.browser.scrollToAnchor(url.fragment())
        else:
            self.browser.setSource(url)


# --- report a problem --------------------------------------------------------------------------------------
def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last ``lines`` lines of the log (read from its end, at most LOG_TAIL_BYTES)."""
    try:
        with path.open("rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - LOG_TAIL_BYTES))
            data = f.read()
    except OSError as exc:
        return f"(the log could not be read: {exc.strerror or exc})"
    text = data.decode("utf-8", "replace").splitlines()
    if size > LOG_TAIL_BYTES and text:
        text = text[1:]  # the first line read is cut
    return "\n".join(text[-lines:]) if text else "(the log is empty)"


def problem_report(*, library: str, log_file: str, schema: str = "") -> str:
    """What whoever supports Briefdesk needs first: versions, the system, the library, the log's end."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from app import __version__

    lines = [
        f"Briefdesk {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"PySide6 {pyside_version}, Qt {qVersion()}",
        f"System: {platform.platform()} ({QGuiApplication.platformName()})",
        f"Library: {library}" + (f" (schema {schema})" if schema else ""),
        f"Log: {log_file}",
        "",
        "What happened (write it here): ",
        "",
        f"--- the last {LOG_TAIL_LINES} lines of the log ---",
        log_tail(Path(log_file)) if log_file else "(no log file)",
    ]
    return "\n".join(lines)


class ReportDialog(QDialog):
    """Shows the report, copied to the clipboard at once; nothing leaves the computer."""

    def __init__(self, report: str, *, log_file: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report a problem")
        self.resize(720, 520)
        self.report = report
        self.log_file = log_file
        note = QLabel(
            "This report has been copied to the clipboard: paste it into an e-mail or a ticket to whoever "
            "supports Briefdesk for you, and say what you were doing. Briefdesk sends nothing itself. "
            "The log holds file names and titles from your library, never the text of sources or briefs: "
            "read it before you send it.",
            self,
        )
        note.setWordWrap(True)
        self.text = QPlainTextEdit(report, self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        copy = QPushButton("&Copy again", self)
        copy.clicked.connect(self.copy)
        folder = QPushButton("Open the log &folder", self)
        folder.setEnabled(bool(log_file))
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.log_file).parent)))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(copy)
        row.addWidget(folder)
        row.addStretch(1)
        row.addWidget(buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.text)
        lay.addLayout(row)
        self.copy()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
