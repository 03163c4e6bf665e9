#!/usr/bin/env bash
# GPU-machine check of the hand-off from the TypeScript side to the trainer: a dataset exported
# by `toolrec dataset export ID --format jsonl|parquet` (put both exports under EXPORTS, default
# .device-data/{jsonl,parquet}) is read by pyarrow and by the trainer, and trains on the GPU.
# Writes export-check.json, train-export.log, metrics-export.jsonl and run-export.json to $OUT.
set -euo pipefail
export PYTHONUNBUFFERED=1 PYTHONPATH=apps/trainer
EXPORTS=${EXPORTS:-.device-data}
OUT=${OUT:-$(mktemp -d)}
jsonl=$(ls "$EXPORTS"/jsonl/*.jsonl | head -1)
parquet=$(ls "$EXPORTS"/parquet/*.parquet | head -1)

python3 - "$jsonl" "$parquet" "$OUT/export-check.json" <<'PY'
import json, sys
import pyarrow.parquet as pq
jsonl_path, parquet_path, out = sys.argv[1:]
rows = [json.loads(line) for line in open(jsonl_path, encoding="utf-8")]
table = pq.read_table(parquet_path)
cols = table.to_pydict()
n = table.num_rows
same = n == len(rows) and all(
    cols["prompt"][i] == r["prompt"] and cols["completion"][i] == r["completion"]
    and cols["label"][i] == r["label"] and abs(cols["weight"][i] - r["weight"]) <= 1e-12
    for i, r in enumerate(rows))
report = {
    "parquet_schema": {f.name: str(f.type) for f in table.schema},
    "rows": n, "jsonl_rows": len(rows), "parquet_equals_jsonl": same,
    "desirable": sum(1 for v in cols["label"] if v), "weight_zero": sum(1 for w in cols["weight"] if w == 0),
}
json.dump(report, open(out, "w"), indent=2)
print(json.dumps(report, indent=2))
if not same: sys.exit("parquet export differs from the jsonl export")
PY

timeout 200 python3 -m toolrec_trainer train --data "$parquet" --model tiny --out "$OUT/run" \
  --device cuda --max-steps 150 --batch-size 32 --learning-rate 1e-4 --max-length 512 --time-limit 150 2>&1 | tee "$OUT/train-export.log" | tail -n 12
cp "$OUT/run/metrics.jsonl" "$OUT/metrics-export.jsonl"
cp "$OUT/run/run.json" "$OUT/run-export.json"
rm -rf "$OUT/run"
