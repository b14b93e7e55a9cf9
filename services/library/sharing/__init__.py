"""Share links: an asset or a collection shown without an API key, behind an unguessable token,
an optional expiry and password, view only or downloadable, revocable and counted."""
