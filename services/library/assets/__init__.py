"""The asset documents: recorded from job results and uploads, edited by tenants."""
