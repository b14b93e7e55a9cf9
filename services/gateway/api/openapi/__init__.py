"""The public API's OpenAPI document, and the pages and files that serve it."""
