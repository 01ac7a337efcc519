"""The plan reads at a glance (issue 17 problem 6): titles bold, whole reasons broken by the Japanese
line rules, the mode shown only where it is not 「この窓口」."""

from __future__ import annotations

import html
import re

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import Mode
from kakanai.model.kinsoku import NO_LINE_END, NO_LINE_START
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import one_typed_resident_answered


def _plan(window: MainWindow) -> None:
    one_typed_resident_answered(window)
    window.session.go(Step.PLAN)


def test_every_reason_is_whole_bold_titled_and_broken_by_the_rules(qtbot: QtBot, window: MainWindow) -> None:
    _plan(window)
    page, plan = window.plan_page, window.session.plan
    assert plan is not None
    seen = 0
    for procedure in plan.procedures:
        assert page.select(procedure.id, procedure.person)
        item = page.tree.currentItem()
        assert item is not None
        label = page.tree.itemWidget(item, 0)
        assert isinstance(label, QLabel)
        match = re.fullmatch(r'<b>(.*)</b><div style="white-space:pre">(.*)</div>', label.text(), re.S)
        assert match is not None
        assert html.unescape(match[1]) == procedure.title
        lines = html.unescape(match[2]).split("\n")
        assert "".join(line.removeprefix("　") for line in lines) == f"理由: {procedure.reason}"
        assert "…" not in match[2] or "…" in procedure.reason
        assert all(line.removeprefix("　")[0] not in NO_LINE_START for line in lines[1:] if line.strip())
        assert all(line[-1] not in NO_LINE_END for line in lines if line)
        assert item.text(2) == ("" if procedure.mode is Mode.HERE else procedure.mode.label)
        seen += 1
    assert seen == len(plan.procedures) == 3
    assert any(p.mode is not Mode.HERE for p in plan.procedures)
