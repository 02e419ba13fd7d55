"""The fixtures of the browser tests; what they are made of is in tests/support/serve.py."""

from tests.support.serve import browser, served

__all__ = ["browser", "served"]
