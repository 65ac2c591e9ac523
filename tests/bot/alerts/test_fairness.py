"""The scheduler of deliveries: per receiver and per member limits, round the members."""

from __future__ import annotations

from bot.alerts.fairness import IN_FLIGHT, PER_HOST, PER_MEMBER, Slots, receiver
from bot.storage.alerts import Due


def due(n: int, owner: str, url: str) -> Due:
    return Due(f"d{n}", owner, url)


def test_a_receiver_gets_at_most_its_share_and_the_others_are_not_held_up() -> None:
    offered = [due(i, "key:a", "http://slow.example.com/h") for i in range(10)] + [
        due(10, "key:a", "http://fast.example.com/h")]
    assert PER_HOST == 2 and Slots.empty().choose(offered) == ["d0", "d1", "d10"]


def test_members_take_turns_and_each_is_capped() -> None:
    hog = [due(i, "key:hog", f"http://h{i}.example.com/") for i in range(40)]
    other = [due(100, "key:b", "http://b.example.com/")]
    slots = Slots.empty()
    chosen = slots.choose(hog + other)
    assert "d100" in chosen[:2]  # the second member's first delivery is in the first round
    assert len(chosen) == PER_MEMBER + 1
    for d in hog + other:
        if d.id in chosen:
            slots.take(d)
    # In flight now: the hog at its cap; only others' deliveries may start.
    assert slots.choose(hog) == []
    assert slots.choose([due(200, "key:c", "http://c.example.com/")]) == ["d200"]
    for d in hog:
        if d.id in chosen:
            slots.give_back(d)
    assert len(slots.choose(hog)) == PER_MEMBER and slots.total == 1


def test_the_process_limit_holds_and_receivers_are_told_apart_by_port() -> None:
    many = [due(i, f"key:{i}", f"http://h{i}.example.com/") for i in range(IN_FLIGHT + 5)]
    assert len(Slots.empty().choose(many)) == IN_FLIGHT
    assert receiver("https://Hooks.example.com./x") == "hooks.example.com:443"
    assert receiver("http://hooks.example.com:8080/x") != receiver("http://hooks.example.com/x")
