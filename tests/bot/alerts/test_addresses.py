"""Which addresses a webhook delivery may connect to, and the request pinned to the one checked."""

from __future__ import annotations

import pytest

from bot.alerts.addresses import Refused, permitted, target

NOT_PUBLIC = ["127.0.0.1", "127.8.9.1", "0.0.0.0", "10.1.2.3", "172.16.5.4", "192.168.1.1", "169.254.169.254",
              "100.64.0.1", "198.18.0.1", "203.0.113.9", "224.0.0.1", "255.255.255.255", "::1", "::",
              "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1",
              "64:ff9b::a9fe:a9fe", "ff02::1", "2001:db8::1", "not an address"]
PUBLIC = ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1"]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_loopback_link_local_private_and_reserved_addresses_are_refused(address: str) -> None:
    assert not permitted(address, ["hooks.example.com", "*.example.org"])


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_permitted(address: str) -> None:
    assert permitted(address, [])


def test_an_address_the_administrator_listed_exactly_is_permitted() -> None:
    assert permitted("127.0.0.1", ["127.0.0.1"]) and permitted("::ffff:127.0.0.1", ["127.0.0.1"])
    assert permitted("::1", ["[::1]"]) and permitted("10.0.0.7", ["hooks.internal", "10.0.0.7"])
    assert not permitted("127.0.0.2", ["127.0.0.1"]) and not permitted("10.0.0.8", ["10.0.0.7"])


def test_the_request_names_the_checked_address_and_keeps_the_host_for_http_and_tls() -> None:
    resolved = {"hooks.example.com": ["10.0.0.1", "93.184.216.34", "8.8.8.8"]}
    pinned = target("https://Hooks.Example.com:8443/p?q=1", ["hooks.example.com"], resolved.__getitem__)
    assert str(pinned.url) == "https://93.184.216.34:8443/p?q=1"
    assert pinned.headers == {"Host": "hooks.example.com:8443"}
    assert pinned.extensions == {"sni_hostname": "hooks.example.com"}
    six = target("http://[2606:4700:4700::1111]/h", ["[2606:4700:4700::1111]"], resolved.__getitem__)
    assert str(six.url) == "http://[2606:4700:4700::1111]/h" and six.extensions == {}


def test_a_name_with_no_permitted_address_or_none_at_all_is_refused() -> None:
    def resolve(host: str) -> list[str]:
        if host == "gone.example.com":
            raise OSError(-2, "Name or service not known")
        return ["127.0.0.1", "169.254.169.254"]

    with pytest.raises(Refused, match=r"resolves to 127\.0\.0\.1, 169\.254\.169\.254: not a public address"):
        target("http://hooks.example.com/", ["hooks.example.com"], resolve)
    with pytest.raises(Refused, match="cannot resolve gone.example.com: Name or service not known"):
        target("http://gone.example.com/", ["gone.example.com"], resolve)
