"""Checking a zip (a .docx, a .dotx) by what it really holds, not what its directory says.

A zip's directory may understate its sizes: zipfile (and python-docx through it) decompresses a member in one
call bounded only by 2 GB and then cuts it to the declared size, so a 1 MB member claiming 1 KB reaches
gigabytes in memory first. :func:`check_members` decompresses each member once through zlib in 1 MB steps and
refuses more output than the member declares or than ``limit`` in all, so memory stays at one chunk; a zip
that passes is known to decompress to the sizes it declares.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

CHUNK = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # a zip entry's local header (APPNOTE 4.3.7)


class ZipProblem(ValueError):
    """Why the zip was refused, in words that follow the file's name."""


def check_members(data: bytes, infos: list[zipfile.ZipInfo], *, limit: int) -> None:
    produced = 0
    for info in infos:
        offset = info.header_offset
        header = data[offset : offset + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise ZipProblem("the document is damaged or truncated")
        fields = _LOCAL_HEADER.unpack(header)
        start = offset + _LOCAL_HEADER.size + fields[9] + fields[10]
        packed = data[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            if len(packed) > info.file_size:
                raise ZipProblem("the document is damaged (a part is larger than declared)")
            produced += len(packed)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            produced += _inflate_bounded(packed, info.file_size, limit - produced, limit)
        else:
            raise ZipProblem("this is not a Word document (unknown compression)")
        if produced > limit:
            raise ZipProblem(f"refused, it expands to more than {limit // (1024 * 1024)} MB (zip bomb)")


def _inflate_bounded(packed: bytes, declared: int, room: int, limit: int) -> int:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    pending, size = packed, 0
    try:
        while pending or not inflater.eof:
            chunk = inflater.decompress(pending, CHUNK)
            pending = inflater.unconsumed_tail
            size += len(chunk)
            if size > declared or size > room:
                raise ZipProblem(
                    "refused, a part expands to more than its declared size or the whole to more than "
                    f"{limit // (1024 * 1024)} MB (zip bomb)"
                )
            if not chunk and not pending:
                break
    except zlib.error:
        raise ZipProblem("the document is damaged or truncated") from None
    return size
