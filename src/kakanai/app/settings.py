"""Per-machine counter settings (municipality file, office, counter name, printer, database, display),
stored as a small JSON file in the user's configuration folder.

Where: $KAKANAI_CONFIG_DIR, else %APPDATA%\\kakanai on Windows, else $XDG_CONFIG_HOME/kakanai
(~/.config/kakanai). A damaged file is never fatal: the counter starts with the defaults and says so.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from kakanai.oserror_text import os_reason

SETTINGS_FILE = "settings.json"
MIN_FONT_SCALE = 0.8
MAX_FONT_SCALE = 2.5
FONT_SCALE_STEP = 0.1
RESIDENT_SCREEN_AUTO, RESIDENT_SCREEN_OFF = "auto", "off"


@dataclass(frozen=True)
class CounterSettings:
    municipality_file: str = ""  # "" = resources/municipality/default.yaml
    office: str = ""  # office id of the municipality parameters; "" = the main office (本庁)
    counter_name: str = "総合窓口"
    printer: str = ""  # "" = the system's default printer
    database: str = ""  # SQLAlchemy URL; "" = the local SQLite file
    reader: str = ""  # PC/SC reader name (part of it); "" = the first reader
    camera_index: int = 0
    font_scale: float = 1.0
    high_contrast: bool = False
    idle_minutes: float = 5.0  # a reception left alone this long is cleared (0 = never)
    language: str = "ja"
    # The resident screen (issue 19): "auto" = on the second screen when there is one, "off", or the index
    # of the screen (QGuiApplication.screens()) as text. While it is on, printing asks for the resident's
    # confirmation first.
    resident_screen: str = RESIDENT_SCREEN_AUTO

    @property
    def idle_seconds(self) -> float:
        return max(self.idle_minutes, 0.0) * 60.0

    def scaled(self, step: int) -> CounterSettings:
        """Font scale one step larger (+1) or smaller (-1), within the allowed range."""
        value = round(self.font_scale + step * FONT_SCALE_STEP, 2)
        return replace(self, font_scale=min(max(value, MIN_FONT_SCALE), MAX_FONT_SCALE))


def resident_screen_index(setting: str, screens: int) -> int | None:
    """Which screen (index) shows the resident screen, None for none: "auto" takes the second screen when
    there are two or more (the first is the clerk's), a number only when that screen is connected."""
    if setting == RESIDENT_SCREEN_AUTO:
        return 1 if screens >= 2 else None
    if setting.isdigit() and int(setting) < screens:
        return int(setting)
    return None


class SettingsError(ValueError):
    pass


def config_dir() -> Path:
    override = os.environ.get("KAKANAI_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "kakanai"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kakanai"


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def settings_from_dict(raw: Any) -> CounterSettings:
    if not isinstance(raw, dict):
        raise SettingsError("設定ファイルの形式が正しくありません（JSONオブジェクトではありません）")
    defaults = CounterSettings()
    values: dict[str, Any] = {}
    for f in fields(CounterSettings):
        if f.name not in raw:
            continue
        value = raw[f.name]
        expected = type(getattr(defaults, f.name))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise SettingsError(f"設定 {f.name} の値の型が正しくありません（{value!r}）")
        values[f.name] = value
    screen = values.get("resident_screen", RESIDENT_SCREEN_AUTO)
    if screen not in (RESIDENT_SCREEN_AUTO, RESIDENT_SCREEN_OFF) and not screen.isdigit():
        raise SettingsError(f"設定 resident_screen の値が正しくありません（{screen!r}: auto、off または画面の番号）")
    settings = CounterSettings(**values)
    return replace(settings, font_scale=min(max(settings.font_scale, MIN_FONT_SCALE), MAX_FONT_SCALE))


def load_settings(path: Path | None = None) -> tuple[CounterSettings, str | None]:
    """The saved settings and a warning (Japanese) if the file could not be used."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return CounterSettings(), None
    except OSError as exc:
        return CounterSettings(), f"設定ファイルを読めません（{path}: {os_reason(exc, path)}）。既定の設定で起動します"
    except UnicodeDecodeError:
        return CounterSettings(), f"設定ファイルを読めません（{path}: UTF-8 の文字ではありません）。既定の設定で起動します"
    try:
        return settings_from_dict(json.loads(text)), None
    except (json.JSONDecodeError, SettingsError) as exc:
        return CounterSettings(), f"設定ファイルが壊れています（{path}: {exc}）。既定の設定で起動します"


def save_settings(settings: CounterSettings, path: Path | None = None) -> Path:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a settings file
    return path
