"""`python -m services.library`: run the library service."""

from services.library.bootstrap import NAME, create_app
from services.library.settings import LibrarySettings
from shared.service import run_service

settings = LibrarySettings()
run_service(NAME, create_app(settings), settings)
