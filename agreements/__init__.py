"""The domain app: agreements, their parties, commitments, deadlines and sources."""
