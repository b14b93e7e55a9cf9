"""The library's internal HTTP API; the gateway forwards tenants' asset requests here."""
