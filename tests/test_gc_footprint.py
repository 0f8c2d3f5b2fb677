"""sieb's long-lived data stays out of the garbage collector's way: every full collection walks
each tracked container's items, so a large frozenset or list that lives as long as the process
costs time on every one (py3langid's DFA tables and the time and answer-count lines once made
up two thirds of a full collection)."""

from __future__ import annotations

import gc
import sys

from sieb import warm_up
from sieb.language import _identifier
from sieb.text import clean_text

# Containers of more items than this, tracked by the collector, are what the test looks for.
LARGE = 5000
_CONTAINERS = (list, tuple, set, frozenset, dict)


def _long_lived_values() -> list[tuple[str, object]]:
    """The values of sieb's modules, and the attributes of the language identifier."""
    values = [
        (f"{name}.{key}", value)
        for name, module in list(sys.modules.items())
        if name == "sieb" or name.startswith("sieb.")
        for key, value in vars(module).items()
    ]
    identifier = _identifier()
    values += [
        (f"identifier.{key}", getattr(identifier, key))
        for key in dir(identifier)
        if not key.startswith("__")
    ]
    return values


def test_no_large_container_is_tracked_by_the_garbage_collector():
    warm_up()
    clean_text("14:20\n\nA line of text that reads like prose, for a first page.\n\n3 answers")
    gc.collect()
    large = [
        (name, type(value).__name__, len(value))
        for name, value in _long_lived_values()
        if isinstance(value, _CONTAINERS) and gc.is_tracked(value) and len(value) > LARGE
    ]
    assert large == []


def test_the_large_lookups_still_answer():
    from sieb.text import answers, liveblog, markers
    from sieb.text.lines import measure

    assert "14:20 uhr" in liveblog.TIME_LINES and "24:00" not in liveblog.TIME_LINES
    assert "3 answers" in answers.ANSWER_COUNT_LINES
    assert markers.marker_lines(measure("intro line\n\n14:20\n\n3 Answers\n\n14:20 h.")) == [1, 2]
