"""The store's exceptions: every one a StoreError with a Japanese message for the clerk, so a caller (the
CLI, the counter) catches one type and shows one line. The counter keeps the reception on screen on any
StoreError: nothing is recorded half-way (each write is one transaction, or one spool statement)."""

from __future__ import annotations


class StoreError(RuntimeError):
    """A store failure with a Japanese message for the clerk."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (server down, network, file unwritable)."""


class StoreDataError(StoreError):
    """A stored value that cannot be read back (JSON that is not JSON, a date that is not one): a damaged or
    hand-edited database. Nothing was changed; `kakanai audit verify` lists every such value."""


class NotMigrated(StoreError):
    """The database schema is not at the version this program needs (older, or unknown to it)."""


class SpoolUnavailable(StoreError):
    """The local spool cannot be written (disk full, file unwritable): the reception was NOT queued.
    What was queued before is intact; the caller keeps the reception and records it later."""


class ExternalRefConflict(StoreError):
    """A different reception was already recorded under the same external reference (the id a client
    supplied): refused, never merged and never recorded twice."""


class RetentionError(StoreError):
    """A retention period that cannot be used (negative, not an integer, absurdly long)."""
