"""Assets: uploads (from a file or a URL), the addresses a URL may name, and zip archives."""
