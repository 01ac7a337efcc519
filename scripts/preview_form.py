"""Render one form with the example household: python scripts/preview_form.py FORM_ID OUT.pdf"""

import sys
from pathlib import Path

from kakanai.app.documents_pdf import preview_form

Path(sys.argv[2]).write_bytes(preview_form(sys.argv[1]))
print(sys.argv[2])
