"""Small shared widgets: the step bar, the reader status, big buttons, titles and messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from kakanai.app.ports import ReaderState
from kakanai.app.workflow import Step
from kakanai.ui.theme import ITEM_PADDING, repolish

READING_LABEL = "読み取り中…カードを動かさないでください"
DIALOG_FRAME = 40  # px of a dialog's title bar and frame, which the window manager adds above its content


def button(text: str, name: str, on_click: Callable[[], None] | None = None, *, role: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAutoDefault(True)  # Enter on a focused button presses it (full keyboard operation)
    if role:
        b.setProperty("role", role)
    if on_click is not None:
        b.clicked.connect(lambda _=False: on_click())
    return b


def _activate_after(window: QWidget) -> None:
    """The window active again after a dialog closed, or the dialog still open over it: a PIN pad opened over
    the typed-member dialog (a card placed meanwhile) gave the activation to the window behind, blocked by
    that dialog, and the clerk's keys went nowhere."""
    still_open = QApplication.activeModalWidget()
    (still_open if still_open is not None and still_open.isVisible() else window).activateWindow()


def wrap_rows(listing: QListWidget) -> None:
    """Every row of `listing` whole: its text wrapped to the list's width, never scrolled sideways or cut."""
    listing.setWordWrap(True)
    listing.setResizeMode(QListWidget.ResizeMode.Adjust)
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    listing.setItemDelegate(_WholeRows(listing))


class _WholeRows(QStyledItemDelegate):
    """Qt sizes a wrapped row leaving out the theme's padding: a text a few pixels narrower than the list got
    one line and was drawn cut with 「…」 (「山田　梅さんの世帯主との続柄は？ → 世帯主（本…」). The height here
    is the text's wrapped in what the list shows of the row, less the padding and the style's text margins."""

    def __init__(self, listing: QListWidget) -> None:
        super().__init__(listing)
        self._listing = listing

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        view = self._listing
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        room = max(1, view.viewport().width() - 2 * (ITEM_PADDING + margin))
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        lines = view.fontMetrics().boundingRect(QRect(0, 0, room, 1 << 20), Qt.TextFlag.TextWordWrap, text)
        return QSize(min(hint.width(), view.viewport().width()), max(hint.height(), lines.height() + 2 * ITEM_PADDING))


class WholeChoice(QComboBox):
    """A choice as wide as its longest item drawn whole. Qt's size for it leaves the edit field a few pixels
    narrower than the text under the theme (QComboBox's own sum and the style's field disagree): a 続柄
    proposal read 「提案 子（Enter で確」. Here the width adds what the style's field lacks."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # items renamed later too

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, hint.width(), hint.height())
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width()
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        return QSize(hint.width() + max(0, widest - room), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class ScrollingForm(QScrollArea):
    """A dialog's fields, scrolling vertically when the dialog is cut to the screen (fit_to_screen), and as
    big as the fields otherwise: Qt's own scroll area asks for at most 24 lines, so a dialog would scroll at
    every text scale."""

    def __init__(self, fields: QWidget) -> None:
        super().__init__()
        self.fields = fields
        self.setWidget(fields)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:
        fields = self.fields.sizeHint()
        return QSize(fields.width() + self.verticalScrollBar().sizeHint().width(), fields.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fields.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width(),
                     3 * self.fontMetrics().height())


def fit_to_screen(dialog: QDialog, screen: QSize, natural: QSize | None = None) -> None:
    """The dialog at its natural size (its size hint unless given), cut to `screen` (the counter's available
    screen) less its title bar: what does not fit scrolls (ScrollingForm) or shrinks instead of lying below
    the screen's edge with its buttons."""
    dialog.ensurePolished()  # the theme's padding and fonts count in its size, as when it is shown
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    hint = natural or dialog.sizeHint()
    dialog.resize(min(hint.width(), screen.width()), min(hint.height(), screen.height() - DIALOG_FRAME))


def title(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    return label


def message(name: str, role: str = "warning") -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def set_role(label: QLabel, role: str) -> None:
    label.setProperty("role", role)
    repolish(label)


class StepBar(QWidget):
    """① 手続の選択 → ② 来庁者 → … with the current step highlighted."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("step_bar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[Step, QLabel] = {}
        for step in Step:
            label = QLabel(f"{'①②③④⑤⑥'[step.value]} {step.label}")
            label.setProperty("role", "step")
            label.setObjectName(f"step_{step.name.lower()}")
            self.labels[step] = label
            row.addWidget(label)
            if step is not Step.PREVIEW:
                row.addWidget(QLabel("›"))
        row.addStretch(1)

    def show_step(self, current: Step, skipped: frozenset[Step] = frozenset()) -> None:
        for step, label in self.labels.items():
            label.setProperty("current", "true" if step is current else "false")
            label.setProperty("done", "true" if step < current and step not in skipped else "false")
            repolish(label)


class ReaderStatus(QLabel):
    """Always visible: no reader / reader ready / card present / reading."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reader_status")
        self.setProperty("role", "reader")
        self.setWordWrap(True)  # at text scale 1.4 on a 1366-px screen it takes two lines, not more width
        self.state = ""
        self.show_state(ReaderState.NO_READER.value)

    def show_state(self, state: str, reader_name: str = "") -> None:
        self.state = state
        text = READING_LABEL if state == "reading" else ReaderState(state).label
        self.setText(f"カード: {text}")
        self.setToolTip(reader_name)
        self.setProperty("state", state)
        repolish(self)


class DateField(QLineEdit):
    """A date typed the clerk's way (20230110, R5.1.10, 4/9 = this year); selects all on focus."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setPlaceholderText("例: 4/9、20260409、R8.4.9")
        self.setMaximumWidth(220)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor


def open_dialog(dialog: QDialog, on_done: Callable[[int], None] | None = None) -> None:
    """Open a window-modal dialog without blocking, active at once (its first field has the keyboard: no
    click into it, whatever the window manager does); when it closes, the counter window is active again
    (its shortcuts work at once) and on_done(result) runs."""

    def finished(result: int) -> None:
        parent = dialog.parentWidget()
        if parent is not None:
            # Queued: the platform deactivates the closing dialog after `finished`.
            QTimer.singleShot(0, lambda: _activate_after(parent.window()))
        if on_done is not None:
            on_done(result)

    dialog.finished.connect(finished)
    dialog.open()
    dialog.activateWindow()
