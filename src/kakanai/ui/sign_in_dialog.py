"""Staff sign-in at the counter (issue 7: every record and audit entry names its staff member).

On a fresh database without any staff the same dialog registers the first administrator, who then adds
the others (`kakanai staff add`). The password check (scrypt) and the database round trip run on a worker:
the window never freezes, even when the shared database answers slowly.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kakanai.app.ports import SignedIn, SignInError, StoreRecorder
from kakanai.ui.background import run_in_background
from kakanai.ui.widgets import button, message, set_role, title


class SignInDialog(QDialog):
    def __init__(self, recorder: StoreRecorder, office_name: str, *, first_run: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorder = recorder
        self.signed_in: SignedIn | None = None
        self.first_run = first_run  # asked on a worker before (a database round trip)
        self.setObjectName("sign_in_dialog")
        self.setWindowTitle("職員のサインイン" if not self.first_run else "最初の管理者の登録")
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title("職員のサインイン" if not self.first_run else "最初の管理者を登録します"))
        explain = QLabel(f"{office_name}　記録先: {recorder.description}" if not self.first_run else
                         f"{office_name}　このデータベースにはまだ職員が登録されていません。"
                         "最初の管理者を登録してください（他の職員は管理者が登録します）。")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.login = self._field("sign_in_login", form, "職員ID")
        self.display_name = self._field("sign_in_display_name", form, "氏名") if self.first_run else None
        self.password = self._field("sign_in_password", form, "パスワード", secret=True)
        self.confirmation = (self._field("sign_in_confirmation", form, "パスワード（確認）", secret=True)
                             if self.first_run else None)
        layout.addLayout(form)
        self.problem = message("sign_in_problem")
        layout.addWidget(self.problem)
        self.ok_button = button("登録してサインイン" if self.first_run else "サインイン", "sign_in_ok", self.submit,
                                role="primary")
        self.ok_button.setDefault(True)
        layout.addWidget(self.ok_button)
        self.busy = False

    @staticmethod
    def _field(name: str, form: QFormLayout, label: str, *, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(label, edit)
        return edit

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.problem.setText("確認しています…")
        set_role(self.problem, "notice")
        login, password = self.login.text(), self.password.text()
        if self.first_run:
            name = self.display_name.text() if self.display_name is not None else ""
            confirmation = self.confirmation.text() if self.confirmation is not None else ""
            run_in_background(lambda: self.recorder.create_first_administrator(login, name, password, confirmation),
                              self._done, self._failed)
        else:
            run_in_background(lambda: self.recorder.sign_in(login, password), self._done, self._failed)

    def _done(self, who: SignedIn) -> None:
        self.busy = False
        self.signed_in = who
        self.password.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        text = str(error) if isinstance(error, SignInError) else f"サインインできません（{error}）"
        self.problem.setText(text)
        set_role(self.problem, "warning")
        self.password.clear()
        if self.confirmation is not None:
            self.confirmation.clear()
        self.password.setFocus()

    def reject(self) -> None:
        """Esc does not skip the sign-in: a record must name its staff member. The window stays usable
        for nothing but signing in, and says so."""
        self.problem.setText("受付を記録するには、サインインが必要です")
        set_role(self.problem, "warning")
