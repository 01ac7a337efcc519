"""Bundle entry point: the counter application (no console window; `kakanai-app --demo` for training)."""

import sys

from kakanai.cli.main import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or (args[0].startswith("-") and args[0] not in ("--version", "--selftest", "-h", "--help")):
        args = ["app", *args]
    sys.exit(main(args))
