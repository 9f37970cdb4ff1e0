"""The dashboard: static assets served by rasd.api.app."""
