"""The `kakanai` command: every capability of the counter reachable headless, with --json output."""
