"""Which address a request comes from when reverse proxies stand in front: the rule every way in
(the API, the chat UI, the widget) identifies anonymous clients by, for the rate limit, the one
vote per answer and the question log's client hash.

A proxy tells the client's address in ``X-Forwarded-For``, but so can anyone: the header is
believed only from the proxies the administrator names (``POLICYBOT_TRUSTED_PROXIES``: addresses
or networks; empty by default, so by default the client is the address that connected). Each
proxy appends the address it received the request from, so the list is read from the right:
the client is the nearest address that is not itself a trusted proxy, and whatever a client put
in the header itself (the entries left of that) is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """The trusted proxies as networks (a single address is a /32 or /128); ValueError names a bad one."""
    found = []
    for entry in entries:
        try:
            found.append(ipaddress.ip_network(entry.strip().strip("[]"), strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {entry!r}") from None
    return tuple(found)


def ip_literal(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """``text`` as an IP address (``[::1]`` too), else None; an IPv4-mapped IPv6 address as IPv4
    (so ``::ffff:10.0.0.1`` is checked as 10.0.0.1). The webhook address checks read it too."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def trusted(address: str | None, proxies: Sequence[Network]) -> bool:
    ip = ip_literal(address or "")
    return ip is not None and any(ip in network for network in proxies)


def forwarded_client(peer: str | None, forwarded_for: Sequence[str], proxies: Sequence[Network]) -> str | None:
    """The client's address: ``peer`` (who connected) unless it is a trusted proxy; then, reading
    the ``X-Forwarded-For`` values right to left, the first address that is not a trusted proxy.
    An entry that is not an address ends the walk: the last trusted hop is the client then."""
    if not trusted(peer, proxies):
        return peer
    client = peer
    hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        ip = ip_literal(hop)
        if ip is None:
            break
        client = str(ip)
        if not any(ip in network for network in proxies):
            break
    return client
