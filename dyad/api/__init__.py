"""REST API and dashboard over a dyad store: ``create_app`` builds the FastAPI app."""

from dyad.api.app import create_app

__all__ = ["create_app"]
