"""kakanai (書かない窓口): the counter application where the resident writes nothing."""

__version__ = "0.1.0"
