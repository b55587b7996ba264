"""minhu's exceptions: one family, with the stable code of the C++ core."""
from __future__ import annotations

from typing import NamedTuple, Sequence


class Problem(NamedTuple):
    """One ruleset problem: where (JSON pointer) and what."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


class Error(Exception):
    """Base of minhu's exceptions.

    ``code`` is the core's stable code name ("ruleset_invalid", "io", "petition_invalid",
    "invalid_argument", "not_loaded", "unknown_case", "invalid_state", "internal"); ``pointer`` the JSON pointer of the first
    problem ("" when none); ``problems`` every problem found.
    """

    def __init__(self, message: str, code: str = "", pointer: str = "",
                 problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.message = message
        self.code = code
        self.pointer = pointer
        self.problems = [Problem(*p) for p in problems]


class RulesetError(Error, ValueError):
    """A ruleset (or its model file) could not be loaded: every problem with its JSON pointer.
    ``code`` is "ruleset_invalid", or "io" when the file cannot be read."""


class PetitionError(Error, ValueError):
    """A malformed petition; ``field`` names the offending field (e.g. "text", "attributes/age")."""

    @property
    def field(self) -> str:
        return self.pointer.lstrip("/")


class CaseError(Error):
    """A tracker command was refused and nothing changed: ``code`` "unknown_case" (no such case)
    or "invalid_state" (e.g. replying to a case nobody acknowledged, opening an id twice)."""
