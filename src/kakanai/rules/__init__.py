"""The rule engine: the catalog of life events and procedures as data, evaluated into a Plan.

    book = load_rulebook()                   # resources/rules + resources/municipality/default.yaml
    book.validate_reception(reception)       # raises ReceptionError naming the field
    plan = book.plan(reception)              # kakanai.model.Plan
"""

from kakanai.rules.book import RuleBook, load_rulebook
from kakanai.rules.yamlfile import RuleFileError

__all__ = ["RuleBook", "RuleFileError", "load_rulebook"]
