"""Library service: every result and upload as a searchable asset record."""

SERVICE = "library"
