"""`python -m services.optimizer`: run the optimizer service."""

from services.optimizer.bootstrap import NAME, create_app
from services.optimizer.settings import OptimizerSettings
from shared.service import run_service

settings = OptimizerSettings()
run_service(NAME, create_app(settings), settings)
