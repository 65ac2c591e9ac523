"""Where a delivery may connect: the webhook host's addresses, checked, and the request pinned to one.

The allow-list (``POLICYBOT_WEBHOOK_ALLOWED_HOSTS``) names hosts; what a name resolves to is up
to whoever runs its DNS: an allowed name (the machine's own host name, a subdomain under a
``*.`` entry that a member controls, a record rebound after the check) may point at loopback, the
cloud metadata address 169.254.169.254 or a private network. So every delivery resolves the name
itself and keeps only public addresses (``ipaddress``'s ``is_global``: not loopback, link-local,
private, shared, reserved or documentation ranges; not multicast; an IPv6 address embedding an
IPv4 one, mapped, 6to4 or NAT64, counts as that IPv4 address), unless the administrator listed
that exact address, and connects to the address it checked: the URL's host is replaced by it,
with the ``Host`` header and the TLS server name (SNI, and so the certificate check) still the
name's. Nothing is resolved a second time, so a name cannot answer the check with one address
and the connection with another. A refused host fails the same way whatever its port, so
deliveries cannot probe which ports are open.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx

from bot.access.proxies import ip_literal

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# host name -> its addresses, as text; the system's resolver (getaddrinfo: /etc/hosts, then DNS) by default
Resolver = Callable[[str], Sequence[str]]


def system_resolver(host: str) -> list[str]:
    """The addresses ``host`` resolves to, in the resolver's order, each once."""
    found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in found))


NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def public(ip: Address) -> bool:
    """Global unicast; an IPv6 address that embeds an IPv4 one (6to4, NAT64) only when that one is."""
    if not ip.is_global or ip.is_multicast:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None)
        return embedded is None or public(embedded)
    return True


def permitted(address: str, allowed: Sequence[str]) -> bool:
    """A delivery may connect to ``address``: it is public, or listed exactly on the allow-list."""
    ip = ip_literal(address)
    if ip is None:
        return False
    return public(ip) or any(ip_literal(entry) == ip for entry in allowed)


class Refused(Exception):
    """The host has no address a delivery may connect to; the message says why (for the outbox row)."""


@dataclass(frozen=True)
class Target:
    """One delivery's request: the URL with the checked address in place of the name, and the name
    kept for the ``Host`` header and TLS."""

    url: httpx.URL
    headers: dict[str, str]
    extensions: dict[str, str]


def target(url: str, allowed: Sequence[str], resolve: Resolver) -> Target:
    """The request for ``url`` pinned to the first address of its host a delivery may use; Refused
    when there is none (or the name does not resolve)."""
    parsed = httpx.URL(url)
    host = parsed.host
    ip = ip_literal(host)
    try:
        addresses = [str(ip)] if ip is not None else list(resolve(host))
    except (OSError, UnicodeError) as exc:
        raise Refused(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from None
    usable = [a for a in addresses if permitted(a, allowed)]
    if not usable:
        shown = ", ".join(addresses[:4]) or "no address"
        raise Refused(f"{host} resolves to {shown}: not a public address, and not listed in "
                      "POLICYBOT_WEBHOOK_ALLOWED_HOSTS")
    extensions = {"sni_hostname": host} if parsed.scheme == "https" and ip is None else {}
    return Target(parsed.copy_with(host=str(ip_literal(usable[0]))), {"Host": parsed.netloc.decode("ascii")},
                  extensions)
