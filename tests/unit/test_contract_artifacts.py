"""The committed JSON Schema / AsyncAPI files must equal what the models generate."""

import yaml

from contracts import export
from contracts.topics import LANES


def test_generated_contract_files_are_current() -> None:
    stale = export.stale_files()
    assert not stale, f"run `make contracts`; stale: {[p.name for p in stale]}"


def test_asyncapi_lists_every_topic_and_resolves_every_message() -> None:
    document = yaml.safe_load(export.ASYNCAPI_FILE.read_text())
    assert document["asyncapi"].startswith("3.")
    addresses = {channel["address"] for channel in document["channels"].values()}
    laned = {f"studio.jobs.{topic}.{lane}" for topic in ("requested", "events") for lane in LANES}
    assert laned | {"studio.jobs.dead-letter", "studio.control.generation"} <= addresses
    schemas = document["components"]["schemas"]
    for message in document["components"]["messages"].values():
        assert message["payload"]["$ref"].rsplit("/", 1)[-1] in schemas
        assert message["headers"]["$ref"].rsplit("/", 1)[-1] in schemas
