"""The statistics view's data (kakanai.store.period_stats), for kakanai.ui (which imports only kakanai.app
and kakanai.model)."""

from kakanai.store.period_stats import Statistics, StatisticsUnavailable, load_statistics

__all__ = ["Statistics", "StatisticsUnavailable", "load_statistics"]
