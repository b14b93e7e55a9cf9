"""Retention rules: each tenant's rules select, in its catalog, the assets matching a rule's
filter created more than the rule's days ago, and send them to the trash."""

import logging

import numpy as np
from pymongo.errors import PyMongoError

from contracts.http.trash import RetentionRule
from services.library.catalog.columns import Columns
from services.library.catalog.query import matching
from services.library.trash.bin import DAY_MS, TrashBin
from shared.database import now_ms
from shared.errors import RetryableError

log = logging.getLogger(__name__)


def expired(columns: Columns, rule: RetentionRule, now: int) -> list[str]:
    """The ids of the assets the rule sends to the trash now."""
    old = columns.view("created_ms") <= now - rule.older_than_days * DAY_MS
    rows = np.flatnonzero(matching(columns, rule.filter) & old)
    return [columns.ids[row] for row in rows]


async def apply_rules(trash: TrashBin) -> int:
    """One pass over every tenant's rules; returns how many assets went to the trash. One
    tenant's failure does not hold up the others' (an outage does: the next pass retries)."""
    trashed = 0
    for tenant_id, rules in (await trash.policies.with_rules()).items():
        try:
            trashed += await _apply(trash, tenant_id, rules)
        except (RetryableError, PyMongoError):
            raise
        except Exception:
            log.exception("retention rules of %s failed; the other tenants' go on", tenant_id)
    return trashed


async def _apply(trash: TrashBin, tenant_id: str, rules: list[RetentionRule]) -> int:
    columns = await trash.catalog.columns(tenant_id)
    now = now_ms()
    doomed = sorted({asset_id for rule in rules for asset_id in expired(columns, rule, now)})
    if not doomed:
        return 0
    count = await trash.trash(tenant_id, doomed)
    log.info("retention rules of %s sent %d assets to the trash", tenant_id, count)
    return count
