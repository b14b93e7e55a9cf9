"""The contract as served: the OpenAPI document (the committed one), the AsyncAPI document, and
Swagger UI and ReDoc pages whose scripts come from this origin under a Content-Security-Policy;
every authenticated answer says what is left of the rate limit."""

import json
import re

import httpx

from contracts.export import ASYNCAPI_FILE, HERE


async def test_the_served_document_is_the_committed_one(api: httpx.AsyncClient) -> None:
    answer = await api.get("/openapi.json")
    assert answer.status_code == 200
    assert answer.json() == json.loads((HERE / "openapi.json").read_text())
    asyncapi = await api.get("/asyncapi.yaml")
    assert asyncapi.headers["content-type"].startswith("application/yaml")
    assert asyncapi.content == ASYNCAPI_FILE.read_bytes()


async def test_the_pages_load_only_this_origins_scripts(api: httpx.AsyncClient) -> None:
    for page in ("/docs", "/redoc"):
        answer = await api.get(page)
        assert answer.status_code == 200
        policy = answer.headers["content-security-policy"]
        nonce = re.search(r"'nonce-([^']+)'", policy)
        assert nonce is not None
        assert "script-src 'self'" in policy
        scripts = re.findall(r"<script([^>]*)>", answer.text)
        assert scripts
        assert all(f'nonce="{nonce.group(1)}"' in s for s in scripts)
        sources = re.findall(r'(?:src|href)="([^"]+)"', answer.text)
        assert sources
        assert all(s.startswith("/") for s in sources), sources
        for source in sources:
            assert (await api.get(source)).status_code == 200, source
    policies = {(await api.get("/docs")).headers["content-security-policy"] for _ in range(2)}
    assert len(policies) == 2, "a fresh nonce per page"


async def test_authenticated_answers_carry_the_rate_limit(api: httpx.AsyncClient) -> None:
    first, second = await api.get("/v1/jobs"), await api.get("/v1/jobs")
    policy = re.fullmatch(r'"burst";q=(\d+);w=(\d+)', first.headers["ratelimit-policy"])
    assert policy is not None
    left = [
        re.fullmatch(r'"burst";r=(\d+);t=(\d+)', a.headers["ratelimit"]) for a in (first, second)
    ]
    remaining = [int(match.group(1)) for match in left if match is not None]
    assert len(remaining) == 2
    assert remaining[0] < int(policy.group(1))
    assert remaining[1] <= remaining[0], "each request spends one"
    refused = await api.get("/v1/jobs/job_missing")
    assert "ratelimit" in refused.headers, "error answers too"
    anonymous = await api.get("/healthz")
    assert "ratelimit" not in anonymous.headers
