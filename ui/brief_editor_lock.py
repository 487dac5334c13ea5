"""The brief editor's lock and its way out: one analyst edits a brief at a time (the lock taken, renewed and
given back; a banner when someone else holds it or takes it over, following their saved text meanwhile), and
text the library could not take saved to a file. Part of ``ui.brief_editor.BriefEditor``."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from app._time import local_text
from app.domain import Action, Change, Entity
from app.errors import BriefLockedError


class EditorLocking:
    """Part of ``BriefEditor``: its brief lock, the banner, following another analyst's text, saving to a file."""

    # --- one editor at a time (brief locks), and text that could not be saved ------------------------------
    def _build_banner(self) -> None:
        self.banner = QFrame(self)
        self.banner.setObjectName("briefBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.take_over_button = QPushButton("Take over editing...", self.banner)
        self.take_over_button.setToolTip(
            "Edit this brief yourself; the other analyst can then no longer save it"
        )
        self.take_over_button.clicked.connect(self.take_over)
        self.save_copy_button = QPushButton("Save text to file...", self.banner)
        self.save_copy_button.setToolTip("Keep the text shown here in a Markdown file of your choice")
        self.save_copy_button.clicked.connect(lambda: self.save_text_to_file())
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.take_over_button)
        row.addWidget(self.save_copy_button)
        self.banner.setVisible(False)

    def _show_banner(self, text: str, *, take_over: bool = False, save_copy: bool = False) -> None:
        self.banner_label.setText(text)
        self.take_over_button.setVisible(take_over)
        self.save_copy_button.setVisible(save_copy)
        self.banner.setVisible(True)

    def _writable_library(self) -> bool:
        return not getattr(self.lib, "read_only", False)

    def _take_lock(self, *, take_over: bool = False) -> None:
        if not self._writable_library():
            self.lock_state = "none"
            return
        lib, bid = self.lib, self.brief_id
        self._lock_asked = True
        self.jobs.write(
            lambda: lib.briefs.lock(bid, take_over=take_over),
            self._lock_taken,
            self._lock_refused,
            owner=self,
        )

    def _lock_taken(self, _lock) -> None:
        self._lock_asked = False
        self.lock_state = "mine"
        self.editor.setReadOnly(False)
        self.banner.setVisible(False)
        self._heartbeat.start()

    def _lock_refused(self, exc: BaseException) -> None:
        self._lock_asked = False
        self.editor.setReadOnly(True)
        if isinstance(exc, BriefLockedError):
            self.lock_state = "held"
            self._show_banner(
                f"{exc.holder} is editing this brief (since {local_text(exc.since)}). You can read it here; it "
                "updates when they save. You can edit it when they close it.",
                take_over=True,
            )
        else:
            self.lock_state = "pending"
            self._show_banner(f"This brief cannot be edited now: {exc}")

    def _renew_lock(self) -> None:
        if self.lock_state != "mine":
            return
        lib, bid = self.lib, self.brief_id
        self.jobs.write(lambda: lib.briefs.renew_lock(bid), None, self._renew_failed, owner=self)

    def _renew_failed(self, exc: BaseException) -> None:
        if isinstance(exc, BriefLockedError):
            self._lock_lost(exc)
        # anything else (the server away for a moment): the next heartbeat tries again

    def _lock_lost(self, exc: BriefLockedError) -> None:
        """Someone took the brief over: stop typing into it; unsaved text stays here to save elsewhere."""
        self.lock_state = "lost"
        self._heartbeat.stop()
        self._autosave.stop()
        self._autosave_deadline.stop()
        self.editor.setReadOnly(True)
        unsaved = self.has_unsaved_text()
        who = (  # the same analyst opened it in a second Briefdesk (theirs to take, app.briefs.lock)
            f"You opened this brief for editing in another Briefdesk window at {local_text(exc.since)}; "
            "edit it there (this window can no longer save it)."
            if getattr(exc, "yours", False)
            else f"{exc.holder} took over editing this brief at {local_text(exc.since)}."
        )
        self._show_banner(
            who + (" Your last changes were not saved: save them to a file." if unsaved else ""),
            take_over=True,
            save_copy=unsaved,
        )

    def take_over(self) -> None:
        answer = QMessageBox.question(
            self,
            "Take over editing",
            "Edit this brief yourself? The analyst editing it now can then no longer save it; their text "
            "stays in their window.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._take_lock(take_over=True)

    def release_lock(self) -> None:
        """Give the brief back to the others (the tab or window is closing)."""
        self._heartbeat.stop()
        # Also while the lock is asked for and its answer has not come: the request may still take the lock
        # after the tab is gone (its answer then reaches no one), and writes run in order, so this unlock
        # follows it (a no-op if it did not get the lock: unlock releases only this session's own lock).
        if self.lock_state == "mine" or self._lock_asked:
            self.lock_state = "none"
            self._lock_asked = False
            lib, bid = self.lib, self.brief_id
            self.jobs.write(lambda: lib.briefs.unlock(bid), None, lambda _exc: None)

    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        """Another analyst saved this brief or let it go: follow their text while not editing it."""
        mine = [c for c in changes if c.id == self.brief_id and c.extra.get("remote")]
        if not mine or self.lock_state == "mine":
            return
        if any(c.entity is Entity.BRIEF and c.action is Action.DELETED for c in mine):
            return
        if any(c.entity is Entity.BRIEF for c in mine) and not self.editor.document().isModified():
            self.jobs.read(lambda: self.lib.briefs.get(self.brief_id), self._followed, owner=self)
        if self.lock_state == "held" and any(c.entity is Entity.LOCK for c in mine):
            self._take_lock()  # they closed it (or it went stale): edit it now if it is free

    def _followed(self, brief) -> None:
        if self.lock_state != "mine" and not self.editor.document().isModified():
            self.reload_body(brief.body)
            self.brief = brief
            self._schedule_preview()
            self._panels_timer.start()

    def has_unsaved_text(self) -> bool:
        return self.editor.document().isModified() or self.save_error is not None

    def retry_save(self) -> None:
        if self.lock_state == "mine" and self.has_unsaved_text():
            self._write("save")

    def save_text_to_file(self, path: str | None = None) -> bool:
        """Write the text shown to a Markdown file (the way out when the library cannot take it)."""
        if path is None:
            suggested = (self.title or f"brief-{self.brief_id}").strip().replace("/", "-") + ".md"
            path, _ = QFileDialog.getSaveFileName(self, "Save text to file", suggested, "Markdown (*.md)")
        if not path:
            return False
        try:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(self.body())
        except OSError as exc:
            QMessageBox.warning(self, "Save text to file", f"Could not write {path}: {exc.strerror or exc}.")
            return False
        self.status.setText(f"Text saved to {path} (not in the library)")
        return True

    def confirm_close_unsaved(self) -> bool:
        """The text could not be stored: save it to a file, close without it, or keep the tab (False)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved text")
        reason = f" ({self.save_error})" if self.save_error is not None else ""
        box.setText(f"The text of \u201c{self.title}\u201d could not be saved in the library{reason}.")
        box.setInformativeText("Save it to a file before closing?")
        to_file = box.addButton("Save text to file...", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is to_file:
            return self.save_text_to_file()
        return clicked is discard
