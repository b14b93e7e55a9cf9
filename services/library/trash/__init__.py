"""Delete, trash and retention: deleted assets wait in the trash for the tenant's number of
days, retention rules send old assets there, and the purger removes what is due for good."""
