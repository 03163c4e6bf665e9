"""Reading `toolrec dataset export` directories, tokenization, completion masks, KL pairs."""

import json

import pytest
import torch

from toolrec_trainer.__main__ import main
from toolrec_trainer.data import (
    ByteTokenizer,
    ChecksumMismatchError,
    DatasetError,
    PreferenceRow,
    DataOrder,
    collate,
    encode_dataset,
    encode_example,
    find_export_files,
    join_prompt_completion,
    jsonl_line,
    metadata_checksum,
    read_dataset,
    sha256_file,
    write_export,
)
from toolrec_trainer.synth import synth_rows

ROWS = [
    PreferenceRow("User: battery drains\n### Suggested queries\n", "Turn on battery saver\nTell me a joke", True, 1.5),
    PreferenceRow("User: storage full\n### Suggested queries\n", "Clear the cache", False, 0.0),
    PreferenceRow("User: café ☕ 你好\n", "Open sound settings", False, 1.0),
    PreferenceRow("User: alarm\n", "Set an alarm for 5 am", True, 0.875),
]


def test_jsonl_line_is_written_like_json_stringify():
    assert jsonl_line(PreferenceRow("a", "b", True, 1.0)) == '{"prompt":"a","completion":"b","label":true,"weight":1}\n'
    assert jsonl_line(PreferenceRow("é\n", "x", False, 0.25)) == '{"prompt":"é\\n","completion":"x","label":false,"weight":0.25}\n'


def test_export_round_trip_with_checksum(tmp_path):
    data_file, meta_file = write_export(tmp_path, ROWS, dataset_id="ds1")
    assert data_file.name == "ds1.jsonl" and meta_file.name == "ds1.metadata.json"
    ds = read_dataset(tmp_path)
    assert ds.rows == ROWS
    assert ds.checksum_verified
    assert ds.sha256 == sha256_file(data_file) == json.loads(meta_file.read_text())["checksum"]
    assert ds.summary()["desirable"] == 2 and ds.summary()["masked"] == 1
    # The data file itself works too, and finds its metadata.
    assert read_dataset(data_file).checksum_verified


def test_checksum_mismatch_is_an_error(tmp_path):
    data_file, _ = write_export(tmp_path, ROWS, dataset_id="ds1")
    text = data_file.read_text(encoding="utf-8").replace('"weight":1.5', '"weight":2.5')
    data_file.write_text(text, encoding="utf-8")
    with pytest.raises(ChecksumMismatchError) as e:
        read_dataset(tmp_path)
    assert "sha256" in str(e.value)
    assert e.value.actual == sha256_file(data_file)
    # Explicitly skipping the check reads the changed rows.
    assert read_dataset(tmp_path, verify_checksum=False).rows[0].weight == 2.5


@pytest.mark.parametrize(
    "meta, found",
    [
        ({"checksum": "a" * 64, "checksumAlgorithm": "sha256"}, "a" * 64),
        ({"checksumAlgorithm": "sha256", "sha256": "B" * 64}, "b" * 64),
        ({"dataSha256": "sha256:" + "c" * 64}, "c" * 64),
        ({"file": {"name": "x.jsonl", "sha256": "d" * 64}}, "d" * 64),
        ({"checksumAlgorithm": "sha256"}, None),
        ({"checksum": "not-a-digest"}, None),
    ],
)
def test_metadata_checksum_key_names(meta, found):
    assert metadata_checksum(meta) == found


def test_other_checksum_key_names_are_verified(tmp_path):
    data_file, meta_file = write_export(tmp_path, ROWS, dataset_id="ds1")
    meta = json.loads(meta_file.read_text())
    meta["dataSha256"] = meta.pop("checksum")
    meta_file.write_text(json.dumps(meta))
    assert read_dataset(tmp_path).checksum_verified
    meta["dataSha256"] = "0" * 64
    meta_file.write_text(json.dumps(meta))
    with pytest.raises(ChecksumMismatchError):
        read_dataset(tmp_path)


def test_without_metadata_the_data_still_reads(tmp_path):
    _, meta_file = write_export(tmp_path, ROWS, dataset_id="ds1")
    meta_file.unlink()
    ds = read_dataset(tmp_path)
    assert ds.rows == ROWS and not ds.checksum_verified and ds.metadata is None


def test_row_count_must_match_metadata(tmp_path):
    _, meta_file = write_export(tmp_path, ROWS, dataset_id="ds1")
    meta = json.loads(meta_file.read_text())
    meta["rows"] = 5
    meta_file.write_text(json.dumps(meta))
    with pytest.raises(DatasetError, match="metadata says 5"):
        read_dataset(tmp_path)


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"prompt":"a","completion":"b","weight":1}', "label is missing"),
        ('{"prompt":"a","completion":"b","label":"maybe"}', "label must be a boolean"),
        ('{"prompt":"a","completion":"b","label":true,"weight":-1}', "weight must be a finite number >= 0"),
        ('{"prompt":1,"completion":"b","label":true}', "prompt must be a string"),
        ('{"prompt":"a",', "not valid JSON"),
    ],
)
def test_bad_rows_name_their_line(tmp_path, line, message):
    (tmp_path / "x.jsonl").write_text('{"prompt":"p","completion":"c","label":true,"weight":1}\n' + line + "\n")
    with pytest.raises(DatasetError, match=message) as e:
        read_dataset(tmp_path)
    assert "x.jsonl:2" in str(e.value)


def test_missing_weight_defaults_to_one_and_nan_weight_passes(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"prompt":"p","completion":"c","label":true}\n{"prompt":"p","completion":"c","label":false,"weight":NaN}\n')
    rows = read_dataset(tmp_path).rows
    assert rows[0].weight == 1.0 and rows[1].weight != rows[1].weight  # NaN: masked by the loss


def test_metadata_file_picks_among_several_data_files(tmp_path):
    write_export(tmp_path, ROWS[:2], dataset_id="old")
    (tmp_path / "old.metadata.json").unlink()
    write_export(tmp_path, ROWS, dataset_id="new")
    data_file, meta_file = find_export_files(tmp_path)
    assert data_file.name == "new.jsonl" and meta_file.name == "new.metadata.json"


def test_missing_directory_and_empty_directory(tmp_path):
    with pytest.raises(DatasetError, match="no such file"):
        read_dataset(tmp_path / "nope")
    with pytest.raises(DatasetError, match="no .jsonl or .parquet"):
        read_dataset(tmp_path)


def test_parquet_round_trip(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is optional (Parquet exports); not installed on this machine")
    write_export(tmp_path, ROWS, dataset_id="pq", fmt="parquet")
    ds = read_dataset(tmp_path)
    assert ds.data_file.suffix == ".parquet" and ds.checksum_verified and ds.rows == ROWS


def test_byte_tokenizer_round_trip():
    tok = ByteTokenizer()
    text = "Clean the speaker — café ☕ 你好\n"
    ids = tok.encode(text)
    assert all(0 <= i < 256 for i in ids)
    assert len(ids) == len(text.encode("utf-8"))
    assert tok.decode(ids) == text
    assert tok.decode([tok.bos_token_id] + ids + [tok.eos_token_id, tok.pad_token_id]) == text
    assert tok.vocab_size == 264 and {tok.pad_token_id, tok.bos_token_id, tok.eos_token_id} == {256, 257, 258}


def test_encoding_and_completion_only_mask():
    tok = ByteTokenizer()
    ex = encode_example(tok, PreferenceRow("ab", "xyz", True, 1.0))
    assert ex.prompt_ids == (257, 97, 98)
    assert ex.completion_ids == (120, 121, 122, 258)
    ids, mask = join_prompt_completion(ex.prompt_ids, ex.completion_ids, 64)
    assert ids == [257, 97, 98, 120, 121, 122, 258]
    assert mask == [0, 0, 0, 1, 1, 1, 1]
    assert tok.decode([i for i, m in zip(ids, mask) if m]) == "xyz"


def test_truncation_keeps_the_end_of_the_prompt_then_cuts_the_completion():
    ids, mask = join_prompt_completion([1, 2, 3, 4, 5], [10, 11], 4)
    assert ids == [4, 5, 10, 11] and mask == [0, 0, 1, 1]
    ids, mask = join_prompt_completion([1, 2, 3], [10, 11, 12, 13, 14], 4)
    assert ids == [3, 10, 11, 12] and mask == [0, 1, 1, 1]  # at least one prompt token stays


def test_collate_builds_kl_pairs_j_with_completion_j_minus_1():
    tok = ByteTokenizer()
    rows = [PreferenceRow(f"P{j}:", f"C{j}" * (j + 1), j % 2 == 0, float(j)) for j in range(4)]
    batch = collate(encode_dataset(tok, rows), tok.pad_token_id, max_length=64, pad_to_multiple_of=8)
    assert batch.kl_pairs == [3, 0, 1, 2]
    assert batch.input_ids.shape == batch.kl_input_ids.shape and batch.input_ids.shape[1] % 8 == 0
    for j in range(4):
        seq = batch.input_ids[j][batch.attention_mask[j].bool()].tolist()
        comp = batch.input_ids[j][batch.completion_mask[j].bool()].tolist()
        assert tok.decode(seq) == f"P{j}:" + f"C{j}" * (j + 1)
        assert tok.decode(comp) == f"C{j}" * (j + 1)
        i = (j - 1) % 4
        kl_seq = batch.kl_input_ids[j][batch.kl_attention_mask[j].bool()].tolist()
        kl_comp = batch.kl_input_ids[j][batch.kl_completion_mask[j].bool()].tolist()
        assert tok.decode(kl_seq) == f"P{j}:" + f"C{i}" * (i + 1)
        assert tok.decode(kl_comp) == f"C{i}" * (i + 1)
        # padding is pad_token_id and outside both masks
        pad = ~batch.attention_mask[j].bool()
        assert (batch.input_ids[j][pad] == tok.pad_token_id).all() and not batch.completion_mask[j][pad].any()
    assert batch.labels.tolist() == [True, False, True, False]
    assert batch.weights.tolist() == [0.0, 1.0, 2.0, 3.0]
    assert batch.tokens == int(batch.attention_mask.sum())


def test_collate_needs_two_examples():
    tok = ByteTokenizer()
    with pytest.raises(ValueError, match="N > 1"):
        collate(encode_dataset(tok, ROWS[:1]), tok.pad_token_id, 32)


def test_data_order_is_full_batches_reshuffled_each_epoch_and_resumable():
    order = DataOrder(10, 4, seed=1)
    epoch0 = [order.next_batch(), order.next_batch()]
    assert all(len(b) == 4 for b in epoch0) and len(set(epoch0[0] + epoch0[1])) == 8  # the last 2 are dropped
    first_of_epoch1 = order.next_batch()
    assert order.epoch == 1 and first_of_epoch1 != epoch0[0]
    # The same seed draws the same order; the state carries the position through a checkpoint.
    again = DataOrder(10, 4, seed=1)
    assert [again.next_batch(), again.next_batch()] == epoch0
    saved = order.state()
    expected = [order.next_batch() for _ in range(5)]
    restored = DataOrder(10, 4, seed=1)
    restored.load_state(saved)
    assert [restored.next_batch() for _ in range(5)] == expected
    assert DataOrder(10, 4, seed=2).next_batch() != epoch0[0]
    with pytest.raises(ValueError, match="seed"):
        DataOrder(10, 4, seed=3).load_state(saved)
    with pytest.raises(ValueError):
        DataOrder(1, 2, seed=0)
    with pytest.raises(ValueError, match="KL pairs"):
        DataOrder(10, 1, seed=0)


def test_a_ranks_rows_keep_their_kl_pairs_and_drop_unneeded_padding():
    tok = ByteTokenizer()
    rows = [PreferenceRow("P" * (1 + 10 * (j % 2)), "C" * (1 + 3 * j), j % 2 == 0, float(j)) for j in range(4)]
    batch = collate(encode_dataset(tok, rows), tok.pad_token_id, max_length=64, pad_to_multiple_of=8)
    head = batch.rows(0, 2)
    assert head.size == 2 and head.kl_pairs == [3, 0]
    assert torch.equal(head.kl_input_ids, batch.kl_input_ids[:2, : head.kl_input_ids.shape[1]])
    assert head.input_ids.shape[1] % 8 == 0 and head.input_ids.shape[1] <= batch.input_ids.shape[1]
    # Nothing but padding was cut.
    assert int(head.attention_mask.sum() + head.kl_attention_mask.sum()) == int(batch.attention_mask[:2].sum() + batch.kl_attention_mask[:2].sum())
    assert head.labels.tolist() == [True, False] and head.weights.tolist() == [0.0, 1.0]


def test_synth_data_is_deterministic_and_shaped_like_an_export(tmp_path):
    a, b = synth_rows(200, seed=3), synth_rows(200, seed=3)
    assert a == b and a != synth_rows(200, seed=4)
    assert any(r.label for r in a) and not all(r.label for r in a)
    assert all(r.weight >= 0 for r in a) and any(r.weight == 0 for r in a)
    assert all(r.prompt.endswith("### Suggested queries\n") for r in a)
    assert main(["synth-data", "--out", str(tmp_path), "--n", "50"]) == 0
    ds = read_dataset(tmp_path)
    assert len(ds) == 50 and ds.checksum_verified and ds.metadata["rows"] == 50


def test_cli_reports_dataset_errors(tmp_path, capsys):
    write_export(tmp_path, ROWS, dataset_id="ds1")
    (tmp_path / "ds1.jsonl").write_text("{}\n")
    assert main(["train", "--data", str(tmp_path), "--out", str(tmp_path / "run")]) == 2
    assert "sha256" in capsys.readouterr().err
