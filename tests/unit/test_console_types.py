"""The console's API types must be what openapi-typescript makes of the committed document."""

import subprocess

from deploy.local.stack import REPO

GENERATOR = REPO / "web" / "node_modules" / ".bin" / "openapi-typescript"
TYPES = REPO / "web" / "src" / "lib" / "api-schema.d.ts"


def test_console_types_are_generated_from_the_current_openapi_document() -> None:
    made = subprocess.run(
        [str(GENERATOR), "../contracts/openapi.json"],
        cwd=REPO / "web",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert made == TYPES.read_text(), "run `make contracts` (web/src/lib/api-schema.d.ts is stale)"
