"""`python -m services.billing`: run the billing service."""

from services.billing.bootstrap import NAME, create_app
from services.billing.settings import BillingSettings
from shared.service import run_service

settings = BillingSettings()
run_service(NAME, create_app(settings), settings)
