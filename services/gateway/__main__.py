"""`python -m services.gateway`: run the gateway."""

from services.gateway.bootstrap import NAME, create_app
from services.gateway.settings import GatewaySettings
from shared.service import run_service

settings = GatewaySettings()
run_service(NAME, create_app(settings), settings)
