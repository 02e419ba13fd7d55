"""A bare HTTP/1.1 client, standard library only: sends one request, prints the status.

The security tests use it in-process, and run this very text as another local user
(``python3 -c``), so it must not import anything from the project or from pytest.
Usage: ``python3 rawclient.py PORT PATH [Header: value ...]``; a WebSocket upgrade is a
request with the Upgrade headers (101 means the server accepted it).
"""

import socket
import sys


def request(port, path, headers=(), host="127.0.0.1"):
    """The status code the server answers to ``GET path`` with ``headers``."""
    lines = [f"GET {path} HTTP/1.1"]
    names = {header.split(":", 1)[0].strip().lower() for header in headers}
    if "host" not in names:
        lines.append(f"Host: {host}:{port}")
    lines += list(headers)
    if "connection" not in names:
        lines.append("Connection: close")
    lines += ["", ""]
    with socket.create_connection((host, port), timeout=20) as sock:
        sock.sendall("\r\n".join(lines).encode("latin-1"))
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def websocket_headers(origin):
    """What a browser sends to open a WebSocket (the key is any 16 bytes, base64)."""
    headers = [
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    ]
    return [*headers, f"Origin: {origin}"] if origin else headers


if __name__ == "__main__":
    print(request(int(sys.argv[1]), sys.argv[2], sys.argv[3:]))
