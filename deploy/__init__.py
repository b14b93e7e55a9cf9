"""Running the platform: the local stack (`deploy/local`) and production manifests."""
