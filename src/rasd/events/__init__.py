"""Events: PLOVER types and modes, status, ACLED mapping, actors, places, dates, fatalities."""
from .extract import extract_events
from .fatalities import count_killed

__all__ = ["extract_events", "count_killed"]
