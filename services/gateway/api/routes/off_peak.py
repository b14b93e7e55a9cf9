"""`/v1/off-peak-window`: the daily hours a tenant's off-peak batches (`schedule: off_peak`) run."""

from fastapi import APIRouter

from contracts.http.schedules import OffPeakWindow
from services.gateway.api.deps import GatewayDep, TenantDep
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1/off-peak-window", tags=["batches"], route_class=Strict)
ERRORS = error_responses(401, 422)


@router.get("", response_model=OffPeakWindow, responses=ERRORS, operation_id="off_peak.get")
async def get_off_peak_window(tenant: TenantDep, gateway: GatewayDep) -> OffPeakWindow:
    """The tenant's window (22:00 to 06:00 UTC until it sets one)."""
    return await gateway.batches.windows.get(tenant)


@router.put("", response_model=OffPeakWindow, responses=ERRORS, operation_id="off_peak.set")
async def set_off_peak_window(
    body: OffPeakWindow, tenant: TenantDep, gateway: GatewayDep
) -> OffPeakWindow:
    """Set the window; batches already scheduled keep their release time."""
    return await gateway.batches.windows.put(tenant, body)
