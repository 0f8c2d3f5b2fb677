"""Exceptions raised by sieb. Every one derives from `SiebError`."""


class SiebError(Exception):
    """Base class of sieb's errors."""


class InputError(SiebError, ValueError):
    """The input cannot be read as a page (wrong type, undecodable, too large...)."""


class ResourceLimitError(SiebError):
    """A document exceeded a size or time limit."""
