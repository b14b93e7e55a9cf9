"""Every collection the library owns and its indexes (created by the bootstrap and by
`deploy.provision`): one line per feature."""

from services.library.assets import records as assets
from services.library.catalog import changes
from services.library.collections import records as collections
from services.library.sharing import records as shares
from services.library.stats import outcomes
from services.library.trash import policies
from services.library.usage import exports
from services.library.usage import records as usage
from shared.database import Index

INDEXES: dict[str, list[Index]] = {
    **assets.INDEXES,
    **changes.INDEXES,
    **collections.INDEXES,
    **shares.INDEXES,
    **usage.INDEXES,
    **exports.INDEXES,
    **policies.INDEXES,
    **outcomes.INDEXES,
}
