"""Library analytics: what the catalog holds (counted in memory) and how jobs went per
provider (job outcomes kept from the `completed` and `failed` events)."""
