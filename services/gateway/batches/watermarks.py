"""A batch's watermark: every image its jobs make stamped with the brand kit's logo by a
follow-up `edit.watermark` job in the same batch.

At submission the kit is checked (it exists, and has a logo the library holds, big enough) and
the follow-ups are priced with the rows: one per image a row makes (a generation's variations,
an edit's one image). When a row's job completes, the projector records its follow-ups before it
moves the job to `completed` (`follow_ups.py`). Videos, 3D models and platform formats (whose
sizes and byte limits a stamp would break) are left as they are. The batch's results (its
archive and its collection) hold the watermarked versions in place of the images they were made
from; the originals stay in the library as the versions' parents."""

from typing import Any

from pydantic import BaseModel

from contracts.brand import BrandKit
from contracts.events import InputAsset
from contracts.http.assets import AssetPublic
from contracts.http.batches import BatchWatermark, is_stamp_source, stamps_outputs
from contracts.http.errors import FieldError
from contracts.http.jobs import JobCreate
from contracts.params.overlay import WatermarkParams
from services.gateway.jobs.preflight import Priced, priced
from services.gateway.jobs.submit import Submitter
from shared.errors import PermanentError

FIELD = "watermark.brand_kit"


class WatermarkPlan(BaseModel):
    """What a batch's follow-ups are made of, kept on its record: the watermark as asked, the
    `edit.watermark` params but the source image, the logo as stored and the kit's copy."""

    asked: BatchWatermark
    params: dict[str, Any]
    logo: InputAsset
    brand_kit: BrandKit | None


def stamps_needed(kind: str, spec: Priced) -> int:
    """How many follow-ups a row may get: the images it is priced for."""
    return spec.cost.images if stamps_outputs(kind) else 0


def final_outputs(assets: list[AssetPublic]) -> list[AssetPublic]:
    """A watermarked batch's results: its assets but the images its follow-ups stamp."""
    return [a for a in assets if not is_stamp_source(a.kind, a.role, a.content_type)]


async def watermark_plan(
    submitter: Submitter, tenant_id: str, asked: BatchWatermark
) -> tuple[WatermarkPlan, Priced]:
    """The plan of a batch's follow-ups and the price of one; 422 naming `watermark.brand_kit`
    when the kit does not exist or has no usable logo."""
    kit = await submitter.brand_kits.find(tenant_id, asked.brand_kit)
    if kit is None:
        raise _refused(f"no brand kit {asked.brand_kit}", "no such brand kit")
    if kit.logo_asset_id is None:
        message = f"brand kit {kit.id} has no logo (set its `logo_asset_id`)"
        raise _refused(message, "the brand kit has no logo")
    params = asked.model_dump(mode="json") | {"asset_id": kit.logo_asset_id}
    spec = priced(JobCreate(kind=WatermarkParams.KIND, params=params), at="watermark.")
    assert isinstance(spec.params, WatermarkParams)
    logo = await _logo(submitter, tenant_id, kit, spec.params)
    stamp = spec.params.with_brand(kit).model_dump(mode="json", exclude={"asset_id"})
    return WatermarkPlan(asked=asked, params=stamp, logo=logo, brand_kit=kit), spec


async def _logo(
    submitter: Submitter, tenant_id: str, kit: BrandKit, params: WatermarkParams
) -> InputAsset:
    """The kit's logo as stored; 422 when it is gone or does not fit a watermark."""
    assert kit.logo_asset_id is not None
    stored = await submitter.library.stored(tenant_id, kit.logo_asset_id)
    if stored is None:
        raise _refused(f"the logo of brand kit {kit.id} is no longer stored", "no logo")
    logo = InputAsset(**stored.model_dump(exclude={"kind"}))
    problems = params.input_problems({"logo_asset_id": logo})
    if problems:
        why = problems[0][1]
        raise _refused(f"the logo of brand kit {kit.id}: {why}", f"its logo: {why}")
    return logo


def _refused(message: str, why: str) -> PermanentError:
    detail = FieldError(loc=FIELD, message=why, type="invalid_watermark")
    return PermanentError("invalid_batch", message, [detail])
