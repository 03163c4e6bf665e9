"""Preference datasets as `toolrec dataset export` writes them, tokenization and KTO batches.

An export directory holds `<id>.jsonl` (or `<id>.parquet`): rows of
{prompt, completion, label (bool, True = desirable), weight (Eq. 9)}, and
`<id>.metadata.json` (config, counts, mu, s, `checksum` = sha256 of the data file, ...).
See packages/db/src/dataset-export.ts for the writer.

Batches follow definitions.md: the completion-only loss mask covers the completion tokens
(and the end-of-sequence token), and KL pair j is prompt j with completion (j-1 mod N).
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import torch

from .loss import mismatched_kl_pairs

DATA_SUFFIXES = (".jsonl", ".parquet")
EXPORT_COLUMNS = ("prompt", "completion", "label", "weight")
_SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


class DatasetError(ValueError):
    """The dataset export cannot be read (missing file, bad row, inconsistent metadata)."""


class ChecksumMismatchError(DatasetError):
    """The data file's sha256 differs from the checksum its metadata records."""

    def __init__(self, data_file: Path, expected: str, actual: str) -> None:
        super().__init__(f"{data_file}: sha256 {actual} differs from the metadata checksum {expected}; the file was changed or truncated after export")
        self.data_file = data_file
        self.expected = expected
        self.actual = actual


@dataclass(frozen=True)
class PreferenceRow:
    """One KTO example (definitions.md, "Preference sample")."""

    prompt: str
    completion: str
    label: bool  # True = desirable (Q_r^+)
    weight: float = 1.0  # Eq. 9 sample weight w(Q_r); 0 masks the example


@dataclass
class PreferenceDataset:
    rows: List[PreferenceRow]
    data_file: Path
    metadata_file: Optional[Path]
    metadata: Optional[Dict[str, Any]]
    sha256: str
    #: True when the metadata recorded a checksum and it matched.
    checksum_verified: bool

    def __len__(self) -> int:
        return len(self.rows)

    def summary(self) -> Dict[str, Any]:
        desirable = sum(1 for r in self.rows if r.label)
        return {
            "data_file": str(self.data_file),
            "metadata_file": str(self.metadata_file) if self.metadata_file else None,
            "rows": len(self.rows),
            "desirable": desirable,
            "undesirable": len(self.rows) - desirable,
            "masked": sum(1 for r in self.rows if r.weight == 0),
            "sha256": self.sha256,
            "checksum_verified": self.checksum_verified,
            "dataset_id": (self.metadata or {}).get("datasetId"),
        }


# ---------------------------------------------------------------------------------------
# Reading an export


def sha256_file(path: Union[str, Path]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def metadata_checksum(metadata: Dict[str, Any]) -> Optional[str]:
    """The sha256 hex digest a metadata object records, whatever its key is called.

    Looks for a key containing "checksum" or "sha256" (case-insensitive) whose value is a
    64-digit hex string: `checksum` (the TypeScript exporter), `sha256`, `dataChecksum`, ...
    One level of nesting (e.g. {"file": {"sha256": ...}}) is searched too. Keys such as
    `checksumAlgorithm: "sha256"` are skipped because their value is not a digest.
    """

    def candidates(obj: Dict[str, Any]) -> Iterator[Tuple[str, Any]]:
        for k, v in obj.items():
            yield k, v
        for v in obj.values():
            if isinstance(v, dict):
                yield from v.items()

    for k, v in candidates(metadata):
        low = k.lower()
        if ("checksum" in low or "sha256" in low) and isinstance(v, str):
            digest = v.split(":", 1)[1] if v.lower().startswith("sha256:") else v
            if _SHA256_HEX.match(digest):
                return digest.lower()
    return None


def _is_metadata_name(p: Path) -> bool:
    return p.suffix == ".json"


def find_export_files(path: Union[str, Path]) -> Tuple[Path, Optional[Path]]:
    """(data file, metadata file or None) for an export directory or a data file."""
    p = Path(path)
    if not p.exists():
        raise DatasetError(f"{p}: no such file or directory")
    if p.is_file():
        if p.suffix not in DATA_SUFFIXES:
            raise DatasetError(f"{p}: expected a .jsonl or .parquet data file or an export directory")
        stem = p.name[: -len(p.suffix)]
        meta = p.with_name(f"{stem}.metadata.json")
        if meta.is_file():
            return p, meta
        jsons = sorted(q for q in p.parent.iterdir() if q.is_file() and _is_metadata_name(q))
        return p, (jsons[0] if len(jsons) == 1 else None)

    data = sorted(q for q in p.iterdir() if q.is_file() and q.suffix in DATA_SUFFIXES)
    metas = sorted(q for q in p.iterdir() if q.is_file() and _is_metadata_name(q))
    preferred = [q for q in metas if q.name.endswith(".metadata.json")] or metas
    # The metadata names its data file (`file`): follow it when it is there.
    for meta in preferred:
        try:
            named = json.loads(meta.read_text(encoding="utf-8")).get("file")
        except (ValueError, AttributeError):
            continue
        if isinstance(named, str) and (p / named).is_file():
            return p / named, meta
    if not data:
        raise DatasetError(f"{p}: no .jsonl or .parquet data file in the export directory")
    if len(data) > 1:
        by_stem = {q.name[: -len(q.suffix)]: q for q in data}
        matches = [(by_stem[m.name[: -len(".metadata.json")]], m) for m in preferred if m.name.endswith(".metadata.json") and m.name[: -len(".metadata.json")] in by_stem]
        if len(matches) == 1:
            return matches[0]
        raise DatasetError(f"{p}: several data files ({', '.join(q.name for q in data)}); pass the data file itself")
    d = data[0]
    stem = d.name[: -len(d.suffix)]
    for m in preferred:
        if m.name == f"{stem}.metadata.json":
            return d, m
    return d, (preferred[0] if len(preferred) == 1 else None)


def _parse_label(v: Any, where: str) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, int) and v in (0, 1):
        return bool(v)
    if isinstance(v, str) and v.lower() in ("true", "false"):
        return v.lower() == "true"
    raise DatasetError(f"{where}: label must be a boolean (true = desirable), got {v!r}")


def _parse_row(obj: Any, where: str) -> PreferenceRow:
    if not isinstance(obj, dict):
        raise DatasetError(f"{where}: expected an object with {', '.join(EXPORT_COLUMNS)}")
    for key in ("prompt", "completion"):
        if not isinstance(obj.get(key), str):
            raise DatasetError(f"{where}: {key} must be a string, got {obj.get(key)!r}")
    if "label" not in obj:
        raise DatasetError(f"{where}: label is missing")
    label = _parse_label(obj["label"], where)
    weight = obj.get("weight", 1.0)
    if weight is None:
        weight = 1.0
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise DatasetError(f"{where}: weight must be a number, got {weight!r}")
    weight = float(weight)
    # NaN passes: the loss masks NaN rows (definitions.md). Negative or infinite is an error.
    if weight < 0 or math.isinf(weight):
        raise DatasetError(f"{where}: weight must be a finite number >= 0, got {weight!r}")
    return PreferenceRow(obj["prompt"], obj["completion"], label, weight)


def read_jsonl_rows(path: Union[str, Path]) -> List[PreferenceRow]:
    rows: List[PreferenceRow] = []
    with open(path, "r", encoding="utf-8") as f:
        for i, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                raise DatasetError(f"{path}:{i}: not valid JSON ({e})") from e
            rows.append(_parse_row(obj, f"{path}:{i}"))
    return rows


def read_parquet_rows(path: Union[str, Path]) -> List[PreferenceRow]:
    try:
        import pyarrow.parquet as pq  # optional dependency
    except ImportError as e:
        raise DatasetError(f"{path}: reading Parquet needs pyarrow (pip install 'toolrec-trainer[parquet]'), or export with --format jsonl") from e
    table = pq.read_table(path)
    missing = [c for c in ("prompt", "completion", "label") if c not in table.column_names]
    if missing:
        raise DatasetError(f"{path}: missing column(s) {', '.join(missing)}")
    return [_parse_row(obj, f"{path}: row {i}") for i, obj in enumerate(table.to_pylist())]


def read_dataset(path: Union[str, Path], verify_checksum: bool = True) -> PreferenceDataset:
    """Reads an export directory (or its data file) and checks it against its metadata.

    Raises ChecksumMismatchError when the metadata records a sha256 that the data file's
    bytes do not have, and DatasetError for unreadable rows or a row count that differs
    from the metadata's `rows`.
    """
    data_file, metadata_file = find_export_files(path)
    metadata: Optional[Dict[str, Any]] = None
    if metadata_file is not None:
        try:
            metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
        except ValueError as e:
            raise DatasetError(f"{metadata_file}: not valid JSON ({e})") from e
        if not isinstance(metadata, dict):
            raise DatasetError(f"{metadata_file}: expected a JSON object")
    actual = sha256_file(data_file)
    expected = metadata_checksum(metadata) if metadata else None
    verified = False
    if expected is not None and verify_checksum:
        if expected != actual:
            raise ChecksumMismatchError(data_file, expected, actual)
        verified = True
    rows = read_parquet_rows(data_file) if data_file.suffix == ".parquet" else read_jsonl_rows(data_file)
    if metadata is not None and isinstance(metadata.get("rows"), int) and metadata["rows"] != len(rows):
        raise DatasetError(f"{data_file}: {len(rows)} rows, the metadata says {metadata['rows']}")
    return PreferenceDataset(rows, data_file, metadata_file, metadata, actual, verified)


# ---------------------------------------------------------------------------------------
# Writing an export (synthetic data, tests)


def _json_number(x: float) -> Union[int, float]:
    # JSON.stringify writes 1 for 1.0: the lines match the TypeScript exporter's byte for byte
    # (for ordinary weights; exponent notation, e.g. 1e-7, is written differently).
    return int(x) if float(x).is_integer() else x


def jsonl_line(row: PreferenceRow) -> str:
    """One export line, as jsonlLine in packages/db/src/preference.ts writes it."""
    obj = {"prompt": row.prompt, "completion": row.completion, "label": row.label, "weight": _json_number(row.weight)}
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_export(
    out_dir: Union[str, Path],
    rows: Sequence[PreferenceRow],
    dataset_id: str = "synth",
    name: Optional[str] = None,
    fmt: str = "jsonl",
    config: Optional[Dict[str, Any]] = None,
    created_by: str = "toolrec_trainer",
) -> Tuple[Path, Path]:
    """Writes `<id>.jsonl|parquet` and `<id>.metadata.json` in the export's layout."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt not in ("jsonl", "parquet"):
        raise ValueError("fmt must be jsonl or parquet")
    data_file = out / f"{dataset_id}.{fmt}"
    if fmt == "jsonl":
        with open(data_file, "w", encoding="utf-8", newline="") as f:
            for r in rows:
                f.write(jsonl_line(r))
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table({
            "prompt": pa.array([r.prompt for r in rows], pa.string()),
            "completion": pa.array([r.completion for r in rows], pa.string()),
            "label": pa.array([r.label for r in rows], pa.bool_()),
            "weight": pa.array([r.weight for r in rows], pa.float64()),
        })
        pq.write_table(table, data_file)
    desirable = sum(1 for r in rows if r.label)
    weight_sum = sum(r.weight for r in rows)
    sq = sum(r.weight * r.weight for r in rows)
    now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    metadata = {
        "datasetId": dataset_id,
        "name": name or dataset_id,
        "format": fmt,
        "file": data_file.name,
        "columns": list(EXPORT_COLUMNS),
        "rows": len(rows),
        "checksum": sha256_file(data_file),
        "checksumAlgorithm": "sha256",
        "createdAt": now,
        "createdBy": created_by,
        "exportedAt": now,
        "window": {"from": None, "to": None},
        "config": config or {},
        "promptTemplate": "toolrec-dialogue-v1",
        "counts": {"samples": len(rows), "desirable": desirable, "undesirable": len(rows) - desirable, "masked": sum(1 for r in rows if r.weight == 0)},
        "weightSum": weight_sum,
        "effectiveSampleSize": (weight_sum * weight_sum / sq) if sq > 0 else 0.0,
    }
    metadata_file = out / f"{dataset_id}.metadata.json"
    metadata_file.write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return data_file, metadata_file


# ---------------------------------------------------------------------------------------
# Tokenizers


class ByteTokenizer:
    """UTF-8 bytes as ids 0..255 plus special tokens: no tokenizer files needed.

    Used with the tiny random-weight model. vocab_size = 264 (256 bytes, 8 specials of which
    pad = 256, bos = 257, eos = 258 are used).
    """

    name = "byte"
    pad_token_id = 256
    bos_token_id = 257
    eos_token_id = 258
    vocab_size = 264

    def encode(self, text: str) -> List[int]:
        return list(text.encode("utf-8"))

    def decode(self, ids: Sequence[int]) -> str:
        return bytes(int(i) for i in ids if 0 <= int(i) < 256).decode("utf-8", errors="replace")


class HFTokenizer:
    """A transformers tokenizer behind the same small interface as ByteTokenizer."""

    def __init__(self, tokenizer: Any, name: str = "hf") -> None:
        self.tokenizer = tokenizer
        self.name = name
        self.bos_token_id: Optional[int] = tokenizer.bos_token_id
        self.eos_token_id: Optional[int] = tokenizer.eos_token_id
        pad = tokenizer.pad_token_id
        self.pad_token_id: int = pad if pad is not None else (self.eos_token_id if self.eos_token_id is not None else 0)
        self.vocab_size = len(tokenizer)

    @classmethod
    def from_pretrained(cls, path: Union[str, Path]) -> "HFTokenizer":
        from transformers import AutoTokenizer  # lazy: not installed on every machine

        return cls(AutoTokenizer.from_pretrained(str(path), local_files_only=True), name=str(path))

    def encode(self, text: str) -> List[int]:
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def decode(self, ids: Sequence[int]) -> str:
        return self.tokenizer.decode(list(ids), skip_special_tokens=True)


# ---------------------------------------------------------------------------------------
# Tokenized examples and batches


@dataclass(frozen=True)
class EncodedExample:
    prompt_ids: Tuple[int, ...]  # bos (if any) + prompt tokens; never empty
    completion_ids: Tuple[int, ...]  # completion tokens + eos (if any)
    label: bool
    weight: float


def encode_example(tokenizer: Any, row: PreferenceRow) -> EncodedExample:
    prompt = tokenizer.encode(row.prompt)
    if tokenizer.bos_token_id is not None:
        prompt = [tokenizer.bos_token_id] + prompt
    if not prompt:
        # The first completion token needs a position that predicts it.
        prompt = [tokenizer.eos_token_id if tokenizer.eos_token_id is not None else tokenizer.pad_token_id]
    completion = tokenizer.encode(row.completion)
    if tokenizer.eos_token_id is not None:
        completion = completion + [tokenizer.eos_token_id]
    return EncodedExample(tuple(prompt), tuple(completion), row.label, row.weight)


def encode_dataset(tokenizer: Any, rows: Sequence[PreferenceRow]) -> List[EncodedExample]:
    return [encode_example(tokenizer, r) for r in rows]


def join_prompt_completion(prompt_ids: Sequence[int], completion_ids: Sequence[int], max_length: int) -> Tuple[List[int], List[int]]:
    """prompt + completion as one sequence and its completion-only loss mask.

    Over `max_length`, the prompt loses tokens from its start first (its end, next to the
    completion, is kept; at least one prompt token stays), then the completion loses tokens
    from its end.
    """
    if max_length < 2:
        raise ValueError("max_length must be >= 2")
    prompt = list(prompt_ids)
    completion = list(completion_ids)
    if len(prompt) + len(completion) > max_length:
        keep_prompt = max(1, max_length - len(completion))
        prompt = prompt[-keep_prompt:]
        completion = completion[: max_length - len(prompt)]
    return prompt + completion, [0] * len(prompt) + [1] * len(completion)


@dataclass
class KtoBatch:
    """A batch of N examples and its N KL pairs (prompt j, completion (j-1 mod N)).

    Both halves are right-padded to one length so the reference pass can run them together.
    `completion_mask` marks the tokens whose log-probabilities are summed.
    """

    input_ids: torch.Tensor  # [N, T]
    attention_mask: torch.Tensor  # [N, T]
    completion_mask: torch.Tensor  # [N, T]
    kl_input_ids: torch.Tensor  # [N, T]
    kl_attention_mask: torch.Tensor
    kl_completion_mask: torch.Tensor
    labels: torch.Tensor  # [N] bool
    weights: torch.Tensor  # [N] float
    kl_pairs: List[int] = field(default_factory=list)

    @property
    def size(self) -> int:
        return int(self.input_ids.shape[0])

    @property
    def tokens(self) -> int:
        """Non-padding tokens of the N examples (prompt + completion)."""
        return int(self.attention_mask.sum())

    @property
    def kl_tokens(self) -> int:
        return int(self.kl_attention_mask.sum())

    def rows(self, start: int, end: int, pad_to_multiple_of: int = 8) -> "KtoBatch":
        """Rows [start, end) of the examples and of their KL pairs (a data-parallel rank's
        share of a batch whose KL pairs were drawn over the whole batch), without the
        padding columns no kept row needs."""
        attn = torch.cat([self.attention_mask[start:end], self.kl_attention_mask[start:end]])
        used = int(attn.sum(1).max()) if attn.numel() else 0
        length = min(self.input_ids.shape[1], used + (-used) % max(1, pad_to_multiple_of))
        cut = {k: v[start:end, :length] for k, v in self.__dict__.items() if isinstance(v, torch.Tensor) and v.dim() == 2}
        return KtoBatch(**cut, labels=self.labels[start:end], weights=self.weights[start:end], kl_pairs=self.kl_pairs[start:end])

    def to(self, device: Union[str, torch.device]) -> "KtoBatch":
        moved = {k: (v.to(device, non_blocking=True) if isinstance(v, torch.Tensor) else v) for k, v in self.__dict__.items()}
        return KtoBatch(**moved)


def collate(examples: Sequence[EncodedExample], pad_token_id: int, max_length: int, pad_to_multiple_of: int = 1) -> KtoBatch:
    n = len(examples)
    if n < 2:
        raise ValueError(f"a KTO batch needs N > 1 examples for the KL pairs, got {n}")
    pairs = mismatched_kl_pairs(n)
    main = [join_prompt_completion(e.prompt_ids, e.completion_ids, max_length) for e in examples]
    kl = [join_prompt_completion(examples[j].prompt_ids, examples[pairs[j]].completion_ids, max_length) for j in range(n)]
    length = max(len(ids) for ids, _ in main + kl)
    if pad_to_multiple_of > 1:
        length += (-length) % pad_to_multiple_of

    def pad(seqs: List[Tuple[List[int], List[int]]]) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        ids = torch.full((n, length), pad_token_id, dtype=torch.long)
        attn = torch.zeros((n, length), dtype=torch.long)
        mask = torch.zeros((n, length), dtype=torch.long)
        for i, (s, m) in enumerate(seqs):
            ids[i, : len(s)] = torch.tensor(s, dtype=torch.long)
            attn[i, : len(s)] = 1
            mask[i, : len(m)] = torch.tensor(m, dtype=torch.long)
        return ids, attn, mask

    ids, attn, cmask = pad(main)
    kl_ids, kl_attn, kl_cmask = pad(kl)
    return KtoBatch(
        input_ids=ids,
        attention_mask=attn,
        completion_mask=cmask,
        kl_input_ids=kl_ids,
        kl_attention_mask=kl_attn,
        kl_completion_mask=kl_cmask,
        labels=torch.tensor([e.label for e in examples], dtype=torch.bool),
        weights=torch.tensor([e.weight for e in examples], dtype=torch.float32),
        kl_pairs=pairs,
    )


def epoch_order(n_examples: int, seed: int, epoch: int) -> List[int]:
    """The example order of one epoch: a permutation drawn from (seed, epoch) alone, so a
    resumed run, another rank or another machine draws the same one."""
    order = list(range(n_examples))
    random.Random(f"toolrec:{seed}:{epoch}").shuffle(order)
    return order


class DataOrder:
    """Full batches of example indices, reshuffled every epoch; an incomplete last batch is
    dropped so every batch has N = batch_size (the KL pairs are taken within a batch).
    `state()` / `load_state()` carry the position through a checkpoint."""

    def __init__(self, n_examples: int, batch_size: int, seed: int) -> None:
        if n_examples < 2:
            raise ValueError(f"the dataset needs at least 2 examples, got {n_examples}")
        if not 2 <= batch_size <= n_examples:
            raise ValueError(f"batch_size must be in [2, {n_examples}] (KL pairs need 2 rows), got {batch_size}")
        self.n, self.batch_size, self.seed = n_examples, batch_size, seed
        self.epoch, self.position = 0, 0
        self.order = epoch_order(n_examples, seed, 0)

    def next_batch(self) -> List[int]:
        if self.position + self.batch_size > self.n:
            self.epoch += 1
            self.position = 0
            self.order = epoch_order(self.n, self.seed, self.epoch)
        batch = self.order[self.position : self.position + self.batch_size]
        self.position += self.batch_size
        return batch

    def state(self) -> Dict[str, Any]:
        return {"n": self.n, "batch_size": self.batch_size, "seed": self.seed, "epoch": self.epoch, "position": self.position, "order": torch.tensor(self.order, dtype=torch.int64)}

    def load_state(self, state: Dict[str, Any]) -> None:
        for key in ("n", "batch_size", "seed"):
            if int(state[key]) != getattr(self, key):
                raise ValueError(f"the checkpoint's data order has {key} {int(state[key])}, this run {getattr(self, key)}")
        self.epoch, self.position = int(state["epoch"]), int(state["position"])
        self.order = [int(i) for i in state["order"].tolist()]


def steps_per_epoch(n_examples: int, batch_size: int) -> int:
    return n_examples // batch_size
