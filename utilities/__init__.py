"""Generic plumbing shared by the apps, knowing nothing of the domain.

The lowest layer: ``tracker`` → ``webhooks`` → ``agreements`` → ``utilities``.
Nothing here imports from the apps above it (an import-linter contract in
``pyproject.toml`` keeps it so).
"""
