"""Extract: a fetched document → the live blog's updates (see :mod:`livetail.extract.engine`)."""
