"""Errors that speak to the user in one line (the command prints them, exit 2).

In a module of their own so that every command raises the very class that
cli.main catches, also when cli.py runs as `python -m zhfigures.cli` (then it
is loaded twice, as __main__ and as zhfigures.cli).
"""


class UserError(Exception):
    """A mistake in how the command was called or in its inputs: one line, exit 2."""
