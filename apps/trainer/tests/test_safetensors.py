"""Our safetensors writer and reader: round trips, the byte layout of the spec, refusals,
and (where the `safetensors` package is installed) agreement with the reference library."""

import json
import struct

import pytest
import torch

from toolrec_trainer.safetensors_io import SafetensorsError, deserialize, load_file, parse_header, read_metadata, save_file, serialize

TENSORS = {
    "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight": torch.randn(8, 32),
    "b.bf16": torch.randn(3, 5).to(torch.bfloat16),
    "c.f16": torch.randn(7).to(torch.float16),
    "d.f64": torch.randn(2, 2, 2, dtype=torch.float64),
    "e.i64": torch.arange(-3, 3),
    "f.u8": torch.tensor([0, 1, 255], dtype=torch.uint8),
    "g.bool": torch.tensor([True, False, True]),
    "h.scalar": torch.tensor(3.5),
    "i.empty": torch.zeros(0, 4),
}


def test_round_trip_every_dtype(tmp_path):
    save_file(TENSORS, tmp_path / "x.safetensors", metadata={"format": "pt"})
    back = load_file(tmp_path / "x.safetensors")
    assert set(back) == set(TENSORS)
    for k, t in TENSORS.items():
        assert back[k].dtype == t.dtype and back[k].shape == t.shape and torch.equal(back[k], t), k
    assert read_metadata(tmp_path / "x.safetensors") == {"format": "pt"}
    assert not (tmp_path / "x.safetensors.tmp").exists()


def test_bytes_follow_the_spec():
    a = torch.tensor([[1.0, -2.0], [0.5, 3.0]])
    b = torch.tensor([1, 2, 3], dtype=torch.int32)
    data = serialize({"b": b, "a": a}, metadata={"format": "pt"})
    (n,) = struct.unpack("<Q", data[:8])  # 8-byte little-endian header length
    assert n % 8 == 0  # the header is padded to 8 bytes (with spaces)
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    assert header["__metadata__"] == {"format": "pt"}
    assert header["a"] == {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}
    assert header["b"] == {"dtype": "I32", "shape": [3], "data_offsets": [16, 28]}
    buffer = data[8 + n :]
    assert len(buffer) == 28
    assert struct.unpack("<4f", buffer[0:16]) == (1.0, -2.0, 0.5, 3.0)  # row-major, little-endian
    assert struct.unpack("<3i", buffer[16:28]) == (1, 2, 3)
    bf = serialize({"x": torch.tensor([1.0], dtype=torch.bfloat16)})
    assert bf[-2:] == bytes([0x80, 0x3F])  # bfloat16 1.0 = 0x3F80, little-endian


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda h: h["a"].update(dtype="F99"), "unknown dtype"),
        (lambda h: h["a"].update(data_offsets=[0, 12]), "do not hold"),
        (lambda h: h["a"].update(shape=[3, 2]), "do not hold"),
        (lambda h: h["a"].update(extra=1), "exactly dtype"),
    ],
)
def test_invalid_headers_are_refused(mutate, message):
    data = serialize({"a": torch.zeros(2, 2)})
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    mutate(header)
    head = json.dumps(header).encode()
    with pytest.raises(SafetensorsError, match=message):
        deserialize(struct.pack("<Q", len(head)) + head + data[8 + n :])


def test_holes_truncation_and_garbage_are_refused():
    data = serialize({"a": torch.zeros(2), "b": torch.zeros(2)})
    with pytest.raises(SafetensorsError, match="after the last tensor|do not hold"):
        deserialize(data + b"\0\0\0\0")
    with pytest.raises(SafetensorsError):
        deserialize(data[:-4])
    with pytest.raises(SafetensorsError, match="8-byte"):
        deserialize(b"\1\2")
    with pytest.raises(SafetensorsError, match="does not fit"):
        deserialize(struct.pack("<Q", 10**6) + b"{}")
    head = json.dumps({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}).encode()
    with pytest.raises(SafetensorsError, match="hole"):
        parse_header(struct.pack("<Q", len(head)) + head + b"\0" * 8)


def test_agrees_with_the_safetensors_library_both_ways(tmp_path):
    st = pytest.importorskip("safetensors.torch", reason="the safetensors package is not installed here (it is on the GPU machine)")
    save_file(TENSORS, tmp_path / "ours.safetensors", metadata={"format": "pt"})
    theirs = st.load_file(str(tmp_path / "ours.safetensors"))
    for k, t in TENSORS.items():
        assert torch.equal(theirs[k], t), k
    st.save_file({k: v.contiguous() for k, v in TENSORS.items()}, str(tmp_path / "theirs.safetensors"), metadata={"format": "pt"})
    ours = load_file(tmp_path / "theirs.safetensors")
    for k, t in TENSORS.items():
        assert torch.equal(ours[k], t), k
