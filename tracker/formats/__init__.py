"""Date formats for the admin: ISO 8601 in, unambiguous out (see ``en_GB/formats.py``)."""
