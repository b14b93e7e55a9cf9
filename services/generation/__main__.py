"""`python -m services.generation`: run the generation service."""

from services.generation.bootstrap import NAME, create_app
from services.generation.settings import GenerationSettings
from shared.service import run_service

settings = GenerationSettings()
run_service(NAME, create_app(settings), settings)
