"""Where the data files are: resources/ (rules, municipality, examples) and forms/ (form definitions).

In the source tree they sit at the repository root; in the PyInstaller bundle beside the executable
(sys._MEIPASS). KAKANAI_HOME overrides both (a municipality's own copy). Standard library only, so
every layer may use it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def project_home() -> Path:
    override = os.environ.get("KAKANAI_HOME")
    if override:
        return Path(override)
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "resources" / "rules").is_dir():
            return parent
    return here.parents[2]


def resources_dir() -> Path:
    return project_home() / "resources"


def rules_dir() -> Path:
    return resources_dir() / "rules"


def default_municipality_file() -> Path:
    return resources_dir() / "municipality" / "default.yaml"


def user_data_dir() -> Path:
    """The counter's data folder (its SQLite database, spool and incident log): $XDG_DATA_HOME/kakanai
    (~/.local/share/kakanai), %LOCALAPPDATA%\\kakanai on Windows."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "kakanai"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kakanai"


def forms_dir() -> Path:
    return project_home() / "forms"


def examples_dir() -> Path:
    return resources_dir() / "examples"


# The fonts of the forms and the UI (IPA Font License: redistribution with the licence is allowed).
FONT_FILES = {
    "ipamjm.ttf": "/usr/share/fonts/truetype/ipamj/ipamjm.ttf",  # IPAmj明朝: MJ characters (𠮷 髙 﨑 邊)
    "ipaexg.ttf": "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",  # IPAexゴシック: labels, UI
    "ipaexm.ttf": "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",  # IPAex明朝
    # The guidance sheet (issue 17: a UD font; issue 19: every resident's script). All TrueType (glyf):
    # ReportLab embeds TrueType subsets only, never CFF-flavoured OpenType.
    "BIZUDGothic-Regular.ttf": "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf",
    "BIZUDGothic-Bold.ttf": "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Bold.ttf",
    "BIZUDMincho-Regular.ttf": "/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf",
    "DejaVuSans.ttf": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Latin incl. Vietnamese
    "DejaVuSans-Bold.ttf": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "NanumGothic.ttf": "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",  # Hangul
    "NanumGothicBold.ttf": "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
    "wqy-microhei.ttc": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # 简体字 (a TrueType collection)
}


def font_file(name: str) -> Path:
    """A font by file name: the bundle's own fonts/ folder first (installer, Windows), then the system's
    (Debian fonts-ipamj-mincho, fonts-ipaexfont)."""
    bundled = project_home() / "fonts" / name
    if bundled.is_file():
        return bundled
    return Path(FONT_FILES.get(name, name))
