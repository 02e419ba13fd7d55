"""Hostile inputs too big (or too binary) to commit, built on demand.

The committed files in this folder are named ``<EXPECTED CODE>--<what>.yaml`` (``OK--``
for files that must load). :func:`generated` returns the same kind of table for the
rest; ``python tests/hostile/make_corpus.py DIR`` writes them out for manual poking.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vetting.checklist.loader import MAX_BYTES

MIB = 1024 * 1024


def generated() -> dict[str, bytes]:
    """``{"<CODE>--<what>.yaml": raw bytes}`` for every generated hostile input."""
    ok = "id: x\ntitle: Hello\n"
    return {
        "E_TOO_LARGE--one-mib.yaml": b"a: " + b"x" * MIB + b"\n",
        "E_TOO_LARGE--brackets-2mib.yaml": b"[" * (2 * MIB),
        "E_TOO_LARGE--just-over.yaml": b"a: |\n" + b"  " + b"y" * MAX_BYTES + b"\n",
        "E_TOO_DEEP--brackets-5000.yaml": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "E_TOO_DEEP--brackets-200k.yaml": b"a: " + b"[" * 200_000,
        "E_TOO_DEEP--braces-5000.yaml": b"a: " + b"{a: " * 5000 + b"}" * 5000 + b"\n",
        "E_TOO_DEEP--block-33.yaml": _block_nesting(33).encode(),
        "OK--block-32.yaml": _block_nesting(32).encode(),
        "E_TOO_MANY_NODES--flow-list.yaml": b"a: [" + b"1," * 60_000 + b"1]\n",
        "E_SCALAR_TOO_LONG--long-text.yaml": b"a: " + b"x" * 10_001 + b"\n",
        "OK--longest-text.yaml": b"a: " + b"x" * 10_000 + b"\n",
        "E_ENCODING--utf16-bom.yaml": ok.encode("utf-16"),
        "E_ENCODING--utf16-le-no-bom.yaml": ok.encode("utf-16-le"),
        "E_ENCODING--utf16-be-bom.yaml": b"\xfe\xff" + ok.encode("utf-16-be"),
        "E_ENCODING--utf32-bom.yaml": ok.encode("utf-32"),
        "E_ENCODING--utf32-be.yaml": b"\x00\x00\xfe\xff" + ok.encode("utf-32-be"),
        "E_ENCODING--latin1.yaml": "title: Café\n".encode("latin-1"),
        "E_ENCODING--nul.yaml": b"a: x\x00y\n",
        "E_ENCODING--two-boms.yaml": b"\xef\xbb\xbf\xef\xbb\xbfa: 1\n",
        "E_ENCODING--surrogate-bytes.yaml": b"a: \xed\xa0\x80\n",
        "OK--utf8-bom.yaml": b"\xef\xbb\xbf" + ok.encode(),
        "OK--crlf.yaml": b"a: 1\r\nb:\r\n  - x\r\n",
    }


def _block_nesting(depth: int) -> str:
    """``depth`` nested block mappings (the top-level mapping counts as 1)."""
    return "".join("  " * level + f"k{level}:\n" for level in range(depth - 1)) + (
        "  " * (depth - 1) + "leaf: 1\n"
    )


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, raw in generated().items():
        (out / name).write_bytes(raw)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-generated")
