"""`python -m services.editing`: run the editing service."""

from services.editing.bootstrap import NAME, create_app
from services.editing.settings import EditingSettings
from shared.service import run_service

settings = EditingSettings()
run_service(NAME, create_app(settings), settings)
