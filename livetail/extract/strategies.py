"""Importing this module registers every built-in strategy (see :func:`livetail.extract.core.register`)."""

from livetail.extract import amp, configured, heuristic, jsonld, microdata, pagetext, profiles

__all__ = ["amp", "configured", "heuristic", "jsonld", "microdata", "pagetext", "profiles"]
