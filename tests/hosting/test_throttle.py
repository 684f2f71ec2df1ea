"""Wrong secrets from one client: a few free tries, then a doubling wait up to a cap; per kind and client."""

from __future__ import annotations

from mcda.hosting.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(clock: Clock) -> Throttle:
    return Throttle(free_tries=3, first_wait=2.0, max_wait=60.0, forget_after=3600.0, clock=clock)


def test_free_tries_then_doubling_waits_up_to_the_cap() -> None:
    clock = Clock()
    throttle = make(clock)
    waits = []
    for _ in range(10):
        waits.append(throttle.failed("join", "10.0.0.7"))
        clock.now += waits[-1]  # the client waits as told, then tries again
    assert waits == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60]


def test_the_wait_counts_down_and_another_client_or_kind_is_not_slowed() -> None:
    clock = Clock()
    throttle = make(clock)
    for _ in range(5):
        throttle.failed("passphrase", "a")
    assert throttle.wait("passphrase", "a") == 4
    clock.now += 3
    assert throttle.wait("passphrase", "a") == 1
    assert throttle.wait("passphrase", "b") == 0
    assert throttle.wait("join", "a") == 0


def test_a_right_secret_starts_the_count_again_and_a_quiet_client_is_forgotten() -> None:
    clock = Clock()
    throttle = make(clock)
    for _ in range(4):
        throttle.failed("key", "a")
    throttle.succeeded("key", "a")
    assert throttle.wait("key", "a") == 0
    assert throttle.failed("key", "a") == 0  # a free try again
    for _ in range(5):
        throttle.failed("key", "b")
    clock.now += 3601
    assert throttle.wait("key", "b") == 0
    assert throttle.failed("key", "b") == 0


def test_memory_is_bounded() -> None:
    throttle = Throttle(max_clients=100)
    for i in range(1000):
        throttle.failed("join", f"client-{i}")
    assert len(throttle._records) == 100
