"""Consuming: subscriptions, their consumers, and the parts a consumer is made of (reading a lane,
committing, handling one by one or in batches, decoding, retries)."""
