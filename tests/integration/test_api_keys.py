"""API keys in the database: revocation seen by another process at once, despite its cache."""

import pytest

from services.gateway.tenants.keys import Keys, hash_key
from services.gateway.tenants.revocations import KeyWatch
from shared.database import Database
from shared.errors import PermanentError


async def test_another_process_reads_a_revocation_at_once_and_forgets_the_key(
    db: Database,
) -> None:
    here, there = Keys(db, cache_ttl_s=60), Keys(db, cache_ttl_s=60)
    tenant = await here.create_tenant("acme")
    doomed, record = await here.issue(tenant.id)
    kept, _ = await here.issue(tenant.id)
    open_keys = {hash_key(doomed), hash_key(kept), hash_key("isk_never_issued")}
    assert await here.tenant_of(doomed) == tenant.id  # cached here for a minute
    assert await here.revoked_among(open_keys) == {hash_key("isk_never_issued")}

    await there.revoke(tenant.id, record.prefix)
    assert await here.tenant_of(doomed) == tenant.id, "the cache alone still trusts it"
    assert await here.revoked_among(open_keys) == {hash_key(doomed), hash_key("isk_never_issued")}
    with pytest.raises(PermanentError) as refused:
        await here.tenant_of(doomed)
    assert refused.value.code == "unauthorized"
    assert await here.tenant_of(kept) == tenant.id


async def test_every_process_refuses_a_key_revoked_elsewhere_after_one_recheck(
    db: Database,
) -> None:
    here, there = Keys(db, cache_ttl_s=60), Keys(db, cache_ttl_s=60)
    tenant = await here.create_tenant("acme")
    doomed, record = await here.issue(tenant.id)
    kept, _ = await here.issue(tenant.id)
    assert await here.tenant_of(doomed) == await here.tenant_of(kept) == tenant.id
    await there.revoke(tenant.id, record.prefix)

    assert await KeyWatch(here, interval_s=0.5).check() == 0  # no streams in an API process
    assert here.cached() == {hash_key(kept)}
    with pytest.raises(PermanentError) as refused:
        await here.tenant_of(doomed)
    assert refused.value.code == "unauthorized"
