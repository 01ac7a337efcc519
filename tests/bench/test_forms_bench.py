"""Speed and memory of printing (issue 4): the complete set for the 4-person 転入 (all its forms and the
guidance sheet) in a warm process (target under 1 s on the 2-core counter PC), `kakanai render` as a cold
process (target under 2.5 s), and the cold process's peak memory (recorded in extra_info).

Run with `pytest tests/bench --benchmark-enable`; in the normal run each benchmark body runs once."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kakanai.app.forms_adapter import municipality_info
from kakanai.forms import render_reception
from kakanai.forms.library import form_library
from kakanai.model import reception_from_dict
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook

EXAMPLE = examples_dir() / "moving_in_family.json"


def test_complete_set_for_four_person_moving_in_warm(benchmark: Any) -> None:
    book = load_rulebook()
    reception = reception_from_dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    library = form_library()
    municipality = municipality_info(book)

    def render_all() -> list[Any]:
        return render_reception(library, reception, book.plan(reception), municipality, date(2026, 4, 10))

    render_all()  # warm: fonts registered, definitions loaded
    documents = benchmark(render_all)
    assert documents[-1].form == "guidance" and len(documents) >= 10
    benchmark.extra_info["documents"] = len(documents)
    benchmark.extra_info["pages"] = sum(d.pages for d in documents)


# Runs the CLI and reports its own peak resident set on stderr's last line (KiB on Linux).
_MEASURED = ("import resource, runpy, sys\n"
             "sys.argv = ['kakanai', *sys.argv[1:]]\n"
             "try:\n    runpy.run_module('kakanai.cli.main', run_name='__main__')\n"
             "finally:\n    sys.stderr.write(f'\\nmaxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n")


def test_render_command_as_a_cold_process(benchmark: Any, tmp_path: Path) -> None:
    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-c", _MEASURED, "render", str(EXAMPLE), "--out",
                               str(tmp_path / "out"), "--json"], capture_output=True, check=True)

    out = benchmark.pedantic(run, rounds=5 if benchmark.enabled else 1, iterations=1)
    assert json.loads(out.stdout)["files"]
    peak_kib = int(out.stderr.decode().rsplit("maxrss=", 1)[1])
    benchmark.extra_info["peak_rss_mib"] = round(peak_kib / 1024, 1)
