"""A lean PNG writer for explorer frames: no row filters, the lightest deflate.

A figure frame is flat colour with antialiased edges, so deflate at level 1 on unfiltered
rows already compresses it to tens of kilobytes, without the work of the usual encoders
(which try five row filters per row at a higher level). The optional ``isal`` package
(Intel's ISA-L) deflates with less work again; without it the standard ``zlib`` is used and
the bytes are just as valid. PNG layout: Boutell et al., RFC 2083. What each choice saves
is measured by ``benchmarks/bench_explorers.py``.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

import numpy as np
from numpy.typing import NDArray

try:  # an optional speed-up: the same zlib stream format, made by ISA-L
    from isal import isal_zlib as deflate  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - depends on what is installed
    deflate: Any = zlib  # type: ignore[no-redef]

UInt8Array = NDArray[np.uint8]
COMPRESS_LEVEL = 1
"""Deflate level of the frames: the least work, and flat-coloured figures still compress well."""


def png(pixels: UInt8Array) -> bytes:
    """RGBA ``pixels`` of shape (height, width, 4), top row first, as PNG bytes.

    Rows are copied whole (RGBA, as Agg stores them): dropping alpha would mean a copy.

    >>> import io, PIL.Image
    >>> pixels = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    >>> back = np.asarray(PIL.Image.open(io.BytesIO(png(pixels))))
    >>> back.shape, bool((back == pixels).all())
    ((2, 3, 4), True)
    """
    height, width = pixels.shape[:2]
    rows = np.empty((height, 4 * width + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type "None" on every row
    rows[:, 1:] = pixels.reshape(height, 4 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    data = deflate.compress(rows.data, COMPRESS_LEVEL)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND")


def _chunk(tag: bytes, data: bytes = b"") -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
