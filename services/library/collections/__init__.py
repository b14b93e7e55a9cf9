"""Collections (projects, campaigns): named, ordered groups of a tenant's assets."""
