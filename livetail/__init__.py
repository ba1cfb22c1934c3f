"""livetail: follow news live blogs; every update becomes its own feed entry and alert, exactly once."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("livetail")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
