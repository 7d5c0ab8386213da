"""claimcheck: check the numbers in news stories."""

__version__ = "0.1.0"
