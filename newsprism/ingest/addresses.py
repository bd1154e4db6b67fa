"""Which hosts ingest may fetch from: public addresses only, unless told otherwise.

A host name is resolved first and every address it resolves to is checked, so a name that
points into a private network is refused as surely as the address itself. Fetching checks
again on every redirect hop, and connects to the addresses it checked (see ``network``),
never to a second answer of the resolver.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence

from .options import Resolver

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def system_resolver(host: str) -> Sequence[str]:
    """Every address ``host`` resolves to (raises ``OSError`` when it does not resolve)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _embedded_ipv4(addr: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return addr.ipv4_mapped
        if addr.sixtofour is not None:
            return addr.sixtofour
        if addr.teredo is not None:
            return addr.teredo[1]
    return None


def why_not_public(addr: IPAddress) -> str | None:
    """The kind of a non-public address ("loopback", "private", ...), or None when public."""
    inner = _embedded_ipv4(addr)
    if inner is not None:
        return why_not_public(inner)
    checks = (
        ("loopback", addr.is_loopback),
        ("unspecified", addr.is_unspecified),
        ("link-local", addr.is_link_local),
        ("multicast", addr.is_multicast),
        ("reserved", addr.is_reserved),
        ("private", addr.is_private),
    )
    for kind, hit in checks:
        if hit:
            return kind
    if not addr.is_global:  # shared address space (100.64/10) and the like
        return "private"
    return None


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return None


def resolve_host(host: str, resolver: Resolver | None) -> tuple[list[str], str | None]:
    """(every address of ``host``, None), or ([], a one-line reason) when it does not
    resolve; an IP literal is its own address."""
    literal = _parse_ip(host.strip("[]"))
    if literal is not None:
        return [str(literal)], None
    try:
        addresses = list((resolver or system_resolver)(host))
    except (OSError, UnicodeError, ValueError) as exc:
        return [], f"cannot resolve host {host!r}: {exc}".splitlines()[0]
    if not addresses:
        return [], f"host {host!r} resolves to no address"
    return addresses, None


def public_reason(host: str, addresses: Sequence[str]) -> str | None:
    """None when every one of ``addresses`` (those of ``host``) is public, else a reason."""
    literal = _parse_ip(host.strip("[]")) is not None
    for text in addresses:
        addr = _parse_ip(text)
        if addr is None:
            return f"host {host!r} resolves to {text!r}, not an IP address"
        kind = why_not_public(addr)
        if kind is not None:
            what = f"{addr} is" if literal else f"{host} resolves to"
            article = "an" if kind[0] in "aeiou" else "a"
            return f"refused: {what} {article} {kind} address; use --allow-private to fetch it"
    return None


def check_host(host: str, resolver: Resolver | None) -> str | None:
    """None when every address of ``host`` is public, else a one-line reason."""
    addresses, reason = resolve_host(host, resolver)
    return reason or public_reason(host, addresses)
