"""`python -m services.gateway.events`: run the gateway's projector."""

from services.gateway.events.bootstrap import NAME, create_app
from services.gateway.settings import GatewaySettings
from shared.service import run_service

settings = GatewaySettings()
run_service(
    NAME, create_app(settings), settings.model_copy(update={"port": settings.projector_port})
)
