"""REST API and dashboard app (FastAPI)."""
