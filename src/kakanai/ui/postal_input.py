"""The new address from a 郵便番号, typed into the address field itself (issue 17, "Less typing"): Enter
on 7 digits (「0600001」, 「060-0001」, 「〒０６０ー０００１」) puts the town's address in the field with the
cursor at its end, for the clerk to type only the 番地; a code with several towns offers them in a list
under the field (↓ and Enter, or a click). The look-up is `kakanai.text.postal` (Japan Post's data, offline)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from kakanai.app.postal import (
    PostalAddresses,
    PostalProblem,
    addresses_for_postal_code,
    looks_like_postal_code,
)

ADDRESS = Qt.ItemDataRole.UserRole  # what a chosen candidate puts in the field (the list shows the remark too)
PLACEHOLDER = "郵便番号7桁＋Enterで町名まで入ります（例: 060-0001）。住所を直接入力しても構いません"


class PostalAddress(QObject):
    def __init__(self, editor: QLineEdit, say: Callable[[str], None], store: Callable[[str], None]) -> None:
        super().__init__(editor)
        self.editor = editor
        self._say = say
        self._store = store
        self.found: PostalAddresses | None = None
        self.candidates = QStandardItemModel(self)
        self.completer = QCompleter(self.candidates, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(ADDRESS)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated.connect(self._chosen)
        editor.setPlaceholderText(PLACEHOLDER)

    def take(self) -> bool:
        """Enter in the field: True when its text was a 郵便番号 (looked up; the focus stays for the 番地)."""
        text = self.editor.text()
        if not looks_like_postal_code(text):
            return False
        try:
            found = addresses_for_postal_code(text)
        except PostalProblem as exc:
            self._say(exc.message)
            return True
        self.found = found
        self._say(found.message)
        if len(found.choices) == 1:
            self._put(found.choices[0].address)
            return True
        self.candidates.clear()
        for choice in found.choices:
            item = QStandardItem(choice.label)
            item.setData(choice.address, ADDRESS)
            item.setEditable(False)
            self.candidates.appendRow(item)
        self.editor.setCompleter(self.completer)
        self.completer.complete()
        return True

    def _chosen(self, address: str) -> None:
        self._put(address)
        self._say("")

    def _put(self, address: str) -> None:
        self.editor.setCompleter(None)  # type: ignore[arg-type]  # typing the 番地 must not reopen the list
        self.editor.setText(address)
        self.editor.end(False)
        self.editor.setFocus()
        self._store(address)
