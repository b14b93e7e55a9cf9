"""Telling a partition whose log the broker lost from the ends and positions a tail checks."""

from aiokafka import TopicPartition

from shared.consumer.lost_logs import LostLogs

TP = TopicPartition("studio.jobs.shown", 0)


def checks(*seen: tuple[int, int]) -> list[bool]:
    """Feed (end, position) checks in order; answer, for each, whether the log was lost."""
    logs = LostLogs()
    return [TP in logs.seen({TP: end}, {TP: position}) for end, position in seen]


def test_a_position_inside_the_last_batch_is_no_loss() -> None:
    # Tansu's end is the first offset of the last batch plus one: 10 records in one batch read
    assert checks((0, 0), (1, 10), (1, 10)) == [False, False, False]


def test_a_batch_appended_after_the_position_is_no_loss() -> None:
    assert checks((1, 10), (11, 10), (11, 12)) == [False, False, False]


def test_an_end_falling_below_the_highest_end_is_a_loss() -> None:
    assert checks((500, 500), (3, 500)) == [False, True]


def test_an_end_growing_behind_a_still_position_is_a_loss() -> None:
    """The broker restarted while the tail was reading: its last check saw a small end (0), the
    new log then grows, never past where the tail reads on the lost log."""
    assert checks((0, 0), (0, 500), (4, 500)) == [False, False, True]


def test_after_a_loss_the_new_log_is_read_from_its_start() -> None:
    assert checks((500, 500), (3, 500), (3, 3), (9, 3), (9, 9)) == [
        False,
        True,
        False,
        False,
        False,
    ]
