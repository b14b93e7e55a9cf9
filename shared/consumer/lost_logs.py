"""Telling a partition whose log the broker lost (Tansu, restarted) from the end offsets and
positions a reader checks. Apache Kafka answers a fetch past a log's end out-of-range, which
`auto_offset_reset` handles; Tansu answers it with nothing, so a reader would wait blind until
the new log grows past its old position."""

import logging
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, TopicPartition

ByPartition = dict[TopicPartition, int]
log = logging.getLogger(__name__)


@dataclass
class LostLogs:
    """Which partitions' logs the broker lost, told from the end and position seen at each check.

    Tansu reports an end short by up to a batch (the first offset of the last batch, plus one), so
    a position past the end is no sign by itself. Two are:
    - the end fell below the highest end seen;
    - the end grew while the position stayed, yet is not past the position: a batch appended
      after the position was reached starts at or past it, so a true end is then past it. This
      one also catches a loss the first misses: the broker lost its log while the tail was
      reading and had not yet checked the ends its reading had passed.
    """

    highest_end: dict[TopicPartition, int] = field(default_factory=dict)
    last_check: dict[TopicPartition, tuple[int, int]] = field(default_factory=dict)
    """Each partition's end and position at its last check."""

    def seen(self, ends: ByPartition, positions: ByPartition) -> list[TopicPartition]:
        """Take one check's ends and positions; answer the partitions whose log was lost."""
        lost = [tp for tp in positions if self._lost(tp, ends[tp], positions[tp])]
        for tp, position in positions.items():
            highest = self.highest_end.get(tp, 0)
            self.highest_end[tp] = ends[tp] if tp in lost else max(ends[tp], highest)
            self.last_check[tp] = (ends[tp], 0 if tp in lost else position)
        return lost

    async def reread(
        self, consumer: AIOKafkaConsumer, ends: ByPartition, positions: ByPartition
    ) -> list[TopicPartition]:
        """Take one check; move the consumer of each partition whose log was lost to its
        start, and answer those partitions."""
        lost = self.seen(ends, positions)
        if lost:
            log.warning("%s lost its log (the broker restarted): read from its start", lost)
            await consumer.seek_to_beginning(*lost)
        return lost

    def _lost(self, tp: TopicPartition, end: int, position: int) -> bool:
        if end < self.highest_end.get(tp, 0):
            return True
        last_end, last_position = self.last_check.get(tp, (end, -1))
        return position == last_position and last_end < end <= position

    def forget(self, partitions: set[TopicPartition]) -> None:
        """Partitions no longer read here: what was seen of them says nothing later."""
        for tp in partitions:
            self.highest_end.pop(tp, None)
            self.last_check.pop(tp, None)
