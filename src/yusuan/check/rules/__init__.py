"""The rules, one module per category; importing this package registers them all (in this order)."""

from yusuan.check.rules import (  # noqa: F401
    arithmetic,
    classification,
    completeness,
    cross,
    final,
    internal,
    narrative,
    performance,
    profile,
    projects,
    repeat,
    semantic,
)
