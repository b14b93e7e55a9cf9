"""`python -m services.transform`: run the transform service."""

from services.transform.bootstrap import NAME, create_app
from services.transform.settings import TransformSettings
from shared.service import run_service

settings = TransformSettings()
run_service(NAME, create_app(settings), settings)
