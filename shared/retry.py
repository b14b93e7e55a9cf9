"""Waiting for dependencies at start-up: a service may come up before Kafka, MongoDB or S3."""

import logging

from aiokafka.errors import KafkaError
from pymongo.errors import PyMongoError
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_delay,
    wait_exponential_jitter,
)

from shared.errors import RetryableError

log = logging.getLogger(__name__)


def startup_retry(what: str) -> AsyncRetrying:
    """Retry policy for connecting at start-up (Kafka, MongoDB, S3): they may come up after us."""
    return AsyncRetrying(
        stop=stop_after_delay(60),
        wait=wait_exponential_jitter(multiplier=0.2, max=3),
        retry=retry_if_exception_type((KafkaError, OSError, PyMongoError, RetryableError)),
        before_sleep=lambda state: log.warning("waiting for %s: %s", what, state.outcome),
        reraise=True,
    )
