"""``bot.access.proxies``: X-Forwarded-For is believed from the trusted proxies only, read from the right."""

from __future__ import annotations

import pytest

from bot.access.proxies import forwarded_client, networks

INGRESS = networks(["10.0.5.0/28", "2001:db8::5"])


def test_nothing_is_believed_without_trusted_proxies_or_from_another_peer() -> None:
    assert forwarded_client("127.0.0.1", ["203.0.113.9"], ()) == "127.0.0.1"
    assert forwarded_client("10.0.6.1", ["203.0.113.9"], INGRESS) == "10.0.6.1"  # outside the ingress's /28
    assert forwarded_client(None, ["203.0.113.9"], INGRESS) is None


def test_the_client_is_the_nearest_address_that_is_not_a_trusted_proxy() -> None:
    assert forwarded_client("10.0.5.3", ["203.0.113.9"], INGRESS) == "203.0.113.9"
    # What the client wrote itself stands left of what the ingress appended: ignored.
    assert forwarded_client("10.0.5.3", ["6.6.6.6, 7.7.7.7", "203.0.113.9"], INGRESS) == "203.0.113.9"
    assert forwarded_client("10.0.5.3", ["203.0.113.9, 10.0.5.4"], INGRESS) == "203.0.113.9"  # two hops
    assert forwarded_client("::ffff:10.0.5.3", ["[2001:db8::1]"], INGRESS) == "2001:db8::1"
    assert forwarded_client("2001:db8::5", [" 198.51.100.7 "], INGRESS) == "198.51.100.7"


def test_a_header_without_an_address_leaves_the_last_trusted_hop() -> None:
    assert forwarded_client("10.0.5.3", [], INGRESS) == "10.0.5.3"
    assert forwarded_client("10.0.5.3", ["unknown"], INGRESS) == "10.0.5.3"
    assert forwarded_client("10.0.5.3", ["203.0.113.9, junk, 10.0.5.4"], INGRESS) == "10.0.5.4"


def test_bad_entries_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'ingress.example'"):
        networks(["10.0.0.1", "ingress.example"])
