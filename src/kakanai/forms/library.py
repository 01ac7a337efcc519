"""The form definitions of a folder (forms/), loaded once each."""

from __future__ import annotations

import threading
from pathlib import Path

from kakanai.forms.definition import FormDefinition, FormDefinitionError, FormLoader
from kakanai.paths import forms_dir


class FormLibrary:
    """The form definitions of a folder, loaded once each (thread-safe; the UI renders on a worker)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loader = FormLoader(folder)
        self._cache: dict[str, FormDefinition] = {}
        self._lock = threading.Lock()

    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.yaml"))

    def get(self, form_id: str) -> FormDefinition:
        with self._lock:
            if form_id not in self._cache:
                path = self.folder / f"{form_id}.yaml"
                if not path.is_file():
                    raise FormDefinitionError(str(path), f"様式 {form_id} の定義がありません")
                self._cache[form_id] = self._loader.load(path)
            return self._cache[form_id]


_LIBRARIES: dict[Path, FormLibrary] = {}


def form_library(folder: Path | None = None) -> FormLibrary:
    """The form definitions of a folder (default forms/), loaded once per process."""
    folder = folder or forms_dir()
    if folder not in _LIBRARIES:
        _LIBRARIES[folder] = FormLibrary(folder)
    return _LIBRARIES[folder]
