"""YAML files of the rules (rule files, facts, municipality parameters, test cases): the located loader
of kakanai.model.yamldoc, with its errors as RuleFileError (file:line: message)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kakanai.model import yamldoc
from kakanai.model.schema import SchemaError
from kakanai.model.yamldoc import Located, locator

__all__ = ["Located", "RuleFileError", "load_yaml", "locator", "schema_error", "where"]


class RuleFileError(ValueError):
    """A problem in a rule, parameter or test file, located by file and line."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def load_yaml(path: Path) -> Any:
    try:
        return yamldoc.load_yaml(path)
    except SchemaError as exc:
        raise schema_error(exc) from None


def schema_error(exc: SchemaError) -> RuleFileError:
    """A schema problem as the rule files report it: file:line, then the key and the message."""
    return RuleFileError(exc.where, f"{exc.key}: {exc.message}" if exc.path else exc.message)


def where(obj: object, fallback: str) -> str:
    return obj.where() if isinstance(obj, Located) else fallback
