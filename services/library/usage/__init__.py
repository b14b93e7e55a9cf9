"""Usage of assets (downloads, share views, archive entries) and the history of archives."""
