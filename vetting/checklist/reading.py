"""Bytes from disk, then strict UTF-8 text: the loader's first two steps.

A checklist can be any file a stranger sent, so reading refuses what is not an ordinary
file before a byte is read, and decoding refuses what is not UTF-8 with a message that
says how to save it properly, and where the first bad byte is.
"""

from __future__ import annotations

import os
import stat

from vetting.checklist.chars import escape_controls
from vetting.checklist.yaml_base import BOM, MAX_BYTES
from vetting.checklist.yaml_positions import byte_line_col
from vetting.errors import LoadError

_UTF8_BOM = b"\xef\xbb\xbf"

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit`` bytes of an ordinary file; anything else is a :class:`LoadError`.

    Opened without blocking and checked on the opened descriptor (issue 17.1): a FIFO, or
    a link to ``/dev/tty``, used to make vetting wait forever (and the terminal one ate
    the person's keystrokes). ``O_NONBLOCK`` makes opening them return at once; a regular
    file ignores the flag, and anything that is not one is refused before a byte is read.
    Messages name the file with its control characters escaped (issue 17.2).
    """
    source = escape_controls(os.fspath(path))
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise LoadError("E_READ", f"There is no file called {source}.") from None
    except PermissionError:
        raise LoadError("E_READ", f"You do not have permission to read {source}.") from None
    except OSError as exc:  # ENXIO: a socket; ELOOP: a link to itself; ...
        raise LoadError("E_READ", f"{source} could not be read ({exc.strerror}).") from None
    try:
        kind = _not_a_file(os.fstat(fd).st_mode)
        if kind:
            raise LoadError(
                "E_READ", f"{source} is {kind}, not a file, so vetting will not read it."
            )
        chunks, size = [], 0
        while size < limit:
            chunk = os.read(fd, limit - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise LoadError("E_READ", f"{source} could not be read ({exc.strerror}).") from None
    finally:
        os.close(fd)


def _not_a_file(mode: int) -> str | None:
    """How to name what is there instead of an ordinary file (None if it is one)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device (such as a terminal or a disk)"
    return "a special file"


def too_large() -> LoadError:
    return LoadError(
        "E_TOO_LARGE",
        f"The file is larger than {MAX_BYTES // 1024 // 1024} MiB, the most vetting will read "
        "(a checklist this big should be split into smaller ones).",
    )


def decode_utf8(raw: bytes) -> str:
    """Strict UTF-8 with at most one leading BOM; UTF-16/32 and NUL bytes are refused."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if raw.startswith(bom):
            raise LoadError("E_ENCODING", _resave(f"is saved as {name}"), 1, 1)
    nul = raw.find(b"\x00")
    if nul >= 0:
        looks = (
            "looks like UTF-16 or UTF-32 text" if raw.count(0) * 4 >= len(raw) else "is not text"
        )
        raise LoadError(
            "E_ENCODING",
            _resave(f"{looks} (it has a NUL byte at byte {nul})"),
            *byte_line_col(raw, nul),
        )
    body = raw[3:] if raw.startswith(_UTF8_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(raw) - len(body)
        raise LoadError(
            "E_ENCODING",
            _resave(f"is not valid UTF-8 text (the first bad byte is at byte {offset})"),
            *byte_line_col(raw, offset),
        ) from None
    if text.startswith(BOM):
        raise LoadError(
            "E_ENCODING", "The file starts with two byte-order marks; remove one.", 1, 1
        )
    return text


def _resave(what: str) -> str:
    return f"The file {what}. Save it as UTF-8 text and try again."
