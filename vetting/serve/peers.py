"""Which local user opened a TCP connection to the server (Linux ``/proc/net/tcp``).

Every process on the machine can connect to a loopback port. The token keeps out anyone
who does not have it, but a token can leak (browsers send a ``127.0.0.1`` cookie to
every port of ``127.0.0.1``, and so to a server another user runs there). The kernel
knows who owns the other end of each loopback connection: the line of ``/proc/net/tcp``
whose local address is the client's and whose remote address is ours carries the uid of
the process that opened it. The server refuses any uid but its own.

Where there is no ``/proc/net/tcp`` (macOS, Windows) :func:`peer_uid` says ``None`` and
the token alone protects (SECURITY.md says so).
"""

from __future__ import annotations

import ipaddress
import socket
import struct
from collections.abc import Iterable
from pathlib import Path

PROC_TABLES = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))
Address = tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, int]


def supported() -> bool:
    """True where the kernel's connection tables can be read (Linux)."""
    return PROC_TABLES[0].is_file()


def peer_uid(
    client: tuple[str, int], server: tuple[str, int], tables: Iterable[Path] = PROC_TABLES
) -> int | None:
    """The uid that owns the client end of ``client`` -> ``server``, or ``None`` if unknown.

    ``client`` is the connection's peer name and ``server`` its socket name, as the
    server's socket reports them.
    """
    want_local = _normal(client)
    want_remote = _normal(server)
    for table in tables:
        try:
            lines = table.read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 8:
                continue
            try:
                local, remote, uid = _parse(fields[1]), _parse(fields[2]), int(fields[7])
            except ValueError:
                continue
            if local == want_local and remote == want_remote:
                return uid
    return None


def _normal(address: tuple[str, int]) -> Address:
    ip = ipaddress.ip_address(address[0].split("%", 1)[0])
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip), int(address[1])


def _parse(field: str) -> Address:
    """``0100007F:1F90`` (IPv4) or 32 hex digits and a port (IPv6), as the kernel prints.

    The kernel prints each 32-bit word of the address as a number in the machine's own
    byte order, so it is packed back with ``=`` (native order) to get the bytes.
    """
    hex_address, hex_port = field.split(":")
    words = [int(hex_address[i : i + 8], 16) for i in range(0, len(hex_address), 8)]
    raw = struct.pack(f"={len(words)}I", *words)
    family = socket.AF_INET if len(raw) == 4 else socket.AF_INET6
    text = socket.inet_ntop(family, raw)
    return _normal((text, int(hex_port, 16)))
