"""Video pages, one module per concern (being split out of library.py)."""
