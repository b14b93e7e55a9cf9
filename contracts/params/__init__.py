"""Parameters of each job kind, one module per studio."""
