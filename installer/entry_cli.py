"""Bundle entry point: the `kakanai` command line (console)."""

import sys

from kakanai.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
