"""What an engine is: one way to run an edit, upscale, control or transform kind, on a provider's
endpoint or on the platform's own CPU (`local`). Each provider lists its own engines in
`contracts.catalog.providers`; routing reads them from `contracts.catalog.registry`."""

from pydantic import BaseModel, ConfigDict

LOCAL = "local"


class Engine(BaseModel):
    """One way to run an editing kind."""

    model_config = ConfigDict(frozen=True)

    kind: str
    provider: str
    model: str
    vendor_model: str
    asynchronous: bool = False
