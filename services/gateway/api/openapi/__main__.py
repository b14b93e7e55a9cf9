"""`python -m services.gateway.api.openapi` writes the public document to
`contracts/openapi.json`; `--check` exits 1 when the committed one is stale."""

import json
import sys

from contracts.export import HERE
from services.gateway.api.openapi.pages import document_of
from services.gateway.bootstrap import create_app
from services.gateway.settings import GatewaySettings

DOCUMENT_FILE = HERE / "openapi.json"


def rendered() -> str:
    return json.dumps(document_of(create_app(GatewaySettings())), indent=2) + "\n"


def main() -> None:
    text = rendered()
    if "--check" in sys.argv:
        stale = not DOCUMENT_FILE.exists() or DOCUMENT_FILE.read_text() != text
        if stale:
            print(f"{DOCUMENT_FILE} is stale: run `make contracts`")
        sys.exit(1 if stale else 0)
    DOCUMENT_FILE.write_text(text)


if __name__ == "__main__":
    main()
