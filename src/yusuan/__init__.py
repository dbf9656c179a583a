"""yusuan（预算）: read, check, store, compare and write Chinese government budget disclosures."""

__version__ = "0.1.0"
