"""The optimizer service: `optimize.social`, one image to every social platform's exact format."""

SERVICE = "optimizer"
