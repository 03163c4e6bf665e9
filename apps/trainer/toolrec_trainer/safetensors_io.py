"""A small reader and writer of the safetensors format, for machines without the `safetensors`
package (Debian's python3-torch has none). The format (https://github.com/huggingface/safetensors):

    8 bytes       N, the header's length, unsigned 64-bit little-endian
    N bytes       a UTF-8 JSON object: {name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
                  optionally "__metadata__": {str: str}}; padded with spaces to a multiple of 8
    the rest      the byte buffer: each tensor's raw little-endian, row-major bytes at
                  [begin, end) relative to the buffer's start; tensors tile the buffer without holes

The writer lays tensors out in name order, 8-byte-aligned header, like the reference writer;
the tests check it against the spec byte by byte and, where the package is installed, against
`safetensors.torch`.
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple, Union

import torch

DTYPES: Dict[torch.dtype, str] = {
    torch.float64: "F64",
    torch.float32: "F32",
    torch.float16: "F16",
    torch.bfloat16: "BF16",
    torch.int64: "I64",
    torch.int32: "I32",
    torch.int16: "I16",
    torch.int8: "I8",
    torch.uint8: "U8",
    torch.bool: "BOOL",
}
TORCH_DTYPES = {v: k for k, v in DTYPES.items()}
# Bit-identical integer views for the dtypes numpy lacks (bfloat16).
_VIEW_AS = {torch.bfloat16: torch.int16}
MAX_HEADER_BYTES = 100 * 1024 * 1024


class SafetensorsError(ValueError):
    """A file that is not valid safetensors."""


def _raw_bytes(t: torch.Tensor) -> bytes:
    t = t.detach().to("cpu").contiguous()
    if t.dtype in _VIEW_AS:
        t = t.view(_VIEW_AS[t.dtype])
    array = t.numpy()
    if sys.byteorder != "little":  # pragma: no cover - x86 and ARM are little-endian
        array = array.byteswap()
    return array.tobytes()


def serialize(tensors: Mapping[str, torch.Tensor], metadata: Optional[Mapping[str, str]] = None) -> bytes:
    header: Dict[str, object] = {}
    if metadata:
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
            raise TypeError("safetensors metadata maps strings to strings")
        header["__metadata__"] = dict(metadata)
    chunks = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name]
        if t.dtype not in DTYPES:
            raise TypeError(f"{name}: dtype {t.dtype} has no safetensors code")
        data = _raw_bytes(t)
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * ((-len(head)) % 8)
    return struct.pack("<Q", len(head)) + head + b"".join(chunks)


def save_file(tensors: Mapping[str, torch.Tensor], path: Union[str, Path], metadata: Optional[Mapping[str, str]] = None) -> None:
    """Writes `tensors` to `path` (via a temporary file and a rename: never half a file)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(serialize(tensors, metadata))
    os.replace(tmp, path)


def parse_header(data: bytes) -> Tuple[Dict[str, Dict[str, object]], Dict[str, str], int]:
    """(tensor entries, metadata, start of the byte buffer); checks the layout rules."""
    if len(data) < 8:
        raise SafetensorsError("shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_BYTES or 8 + n > len(data):
        raise SafetensorsError(f"header length {n} does not fit the file ({len(data)} bytes)")
    try:
        header = json.loads(data[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise SafetensorsError(f"the header is not UTF-8 JSON ({e})") from e
    if not isinstance(header, dict):
        raise SafetensorsError("the header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}
    buffer_len = len(data) - 8 - n
    spans = []
    for name, entry in header.items():
        if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
            raise SafetensorsError(f"{name}: an entry needs exactly dtype, shape and data_offsets")
        if entry["dtype"] not in TORCH_DTYPES:
            raise SafetensorsError(f"{name}: unknown dtype {entry['dtype']!r}")
        begin, end = entry["data_offsets"]
        size = torch.tensor([], dtype=TORCH_DTYPES[entry["dtype"]]).element_size() * math.prod(entry["shape"])
        if not 0 <= begin <= end <= buffer_len or end - begin != size:
            raise SafetensorsError(f"{name}: data_offsets {entry['data_offsets']} do not hold {entry['dtype']} {entry['shape']}")
        spans.append((begin, end, name))
    spans.sort()
    expected = 0
    for begin, end, name in spans:
        if begin != expected:
            raise SafetensorsError(f"{name}: the buffer has a hole or an overlap at byte {expected}")
        expected = end
    if expected != buffer_len:
        raise SafetensorsError(f"{buffer_len - expected} bytes after the last tensor")
    return header, metadata, 8 + n


def deserialize(data: bytes) -> Dict[str, torch.Tensor]:
    header, _, start = parse_header(data)
    out: Dict[str, torch.Tensor] = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = TORCH_DTYPES[entry["dtype"]]
        raw = bytearray(data[start + begin : start + end])
        if dtype in _VIEW_AS:
            t = torch.frombuffer(raw, dtype=_VIEW_AS[dtype]).view(dtype) if raw else torch.empty(0, dtype=dtype)
        else:
            t = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(entry["shape"])
    return out


def load_file(path: Union[str, Path]) -> Dict[str, torch.Tensor]:
    return deserialize(Path(path).read_bytes())


def read_metadata(path: Union[str, Path]) -> Dict[str, str]:
    return parse_header(Path(path).read_bytes())[1]
