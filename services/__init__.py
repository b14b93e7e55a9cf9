"""The platform's services, one package each; they talk through Kafka events only."""
