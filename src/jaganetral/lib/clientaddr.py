"""The client's address behind configured trusted proxies only. Pure Python.

``X-Forwarded-For`` is believed only when the connecting address is a trusted proxy (the TLS proxy
in front of the site); then the address is the right-most entry that is not itself a trusted proxy.
Anyone can write that header, so it is never read from an untrusted peer.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable


def _networks(trusted: Iterable[str]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(t.strip(), strict=False) for t in trusted if t.strip()]


def _is_trusted(addr: str, nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        ip = ipaddress.ip_address(addr.strip())
    except ValueError:
        return False
    return any(ip in net for net in nets)


def client_address(remote: str, forwarded_for: str, trusted: Iterable[str]) -> str:
    nets = _networks(trusted)
    if not remote or not _is_trusted(remote, nets):
        return remote or "unknown"
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if not _is_trusted(hop, nets):
            return hop
    return remote
