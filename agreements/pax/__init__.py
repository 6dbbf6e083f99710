"""Import of PA-X releases (the Edinburgh Peace Agreements Database)."""
