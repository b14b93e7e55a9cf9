"""Reading topics the way a test needs: everything, up to the end offsets at the time of asking."""

import asyncio

from aiokafka import AIOKafkaConsumer, ConsumerRecord


async def read_to_end(consumer: AIOKafkaConsumer, timeout_s: float = 30) -> list[ConsumerRecord]:
    """Every record of the consumer's topics from its position to the current end offsets."""
    while not consumer.assignment():
        await consumer.getmany(timeout_ms=200)
    partitions = list(consumer.assignment())
    for tp in partitions:
        await consumer.seek_to_beginning(tp)
    ends = await consumer.end_offsets(partitions)
    records: list[ConsumerRecord] = []

    async def behind() -> bool:
        return any([await consumer.position(tp) < end for tp, end in ends.items()])

    async def drain() -> None:
        while await behind():
            batches = await consumer.getmany(timeout_ms=500, max_records=10_000)
            records.extend(r for batch in batches.values() for r in batch)

    await asyncio.wait_for(drain(), timeout_s)
    return records
