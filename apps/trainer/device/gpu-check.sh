#!/usr/bin/env bash
# GPU check for apps/trainer (toolrec_trainer). Run from the repository root:
#
#   OUT=/some/dir bash apps/trainer/device/gpu-check.sh
#
# Prints the GPU and library versions, runs the trainer's pytest suite (all tests run where
# transformers and peft are installed), writes a synthetic dataset (n=2048) in the
# `toolrec dataset export` format, trains a LoRA adapter with the weighted KTO loss on a
# random-weight Qwen3-shaped model (hidden 1024, 8 layers, 16 heads, byte-level vocab 264,
# sequence length 256, batch 32, bf16 autocast) on the GPU, then the same model for a few
# steps on the CPU for a same-run throughput ratio. Every stage has a `timeout`, and the whole
# script keeps to a deadline (CHECK_BUDGET_S, default 330 s): the CPU stage is skipped when
# too little time is left.
#
# Results in $OUT (8 files, flat names): versions.txt, pytest.log, train-gpu.log,
# metrics-gpu.jsonl, run-gpu.json, train-cpu.log, run-cpu.json, summary.json.
# Exit status: 0 when pytest and the GPU training both succeeded.
set -euo pipefail
export PYTHONUNBUFFERED=1 PYTHONPATH=apps/trainer${PYTHONPATH:+:$PYTHONPATH}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
PY="${PYTHON:-python3}"
OUT="${OUT:-$PWD/gpu-check-out}"
BUDGET="${CHECK_BUDGET_S:-330}"
GPU_STEPS="${GPU_STEPS:-500}"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
T0=$SECONDS
PYTEST_RC=-1 GPU_RC=-1 CPU_RC=-1

left() { echo $(( BUDGET - (SECONDS - T0) )); }
cap() { local want=$1 l; l=$(left); (( l < want )) && want=$l; (( want < 1 )) && want=1; echo "$want"; }

finish() {
  set +e
  [ -f "$WORK/gpu/metrics.jsonl" ] && cp "$WORK/gpu/metrics.jsonl" "$OUT/metrics-gpu.jsonl"
  [ -f "$WORK/gpu/run.json" ] && cp "$WORK/gpu/run.json" "$OUT/run-gpu.json"
  [ -f "$WORK/cpu/run.json" ] && cp "$WORK/cpu/run.json" "$OUT/run-cpu.json"
  PYTEST_RC=$PYTEST_RC GPU_RC=$GPU_RC CPU_RC=$CPU_RC ELAPSED=$(( SECONDS - T0 )) "$PY" - "$OUT" <<'PYEOF'
import json, os, re, sys
out = sys.argv[1]
def load(name):
    try:
        with open(os.path.join(out, name)) as f:
            return json.load(f)
    except Exception:
        return None
gpu, cpu = load("run-gpu.json"), load("run-cpu.json")
steps = []
try:
    with open(os.path.join(out, "metrics-gpu.jsonl")) as f:
        steps = [json.loads(line) for line in f if line.strip()]
except Exception:
    pass
def mean(key, rows):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return sum(vals) / len(vals) if vals else None
tail = ""
try:
    with open(os.path.join(out, "pytest.log")) as f:
        tail = f.read().strip().splitlines()[-1]
except Exception:
    pass
s = {
    "exit_codes": {"pytest": int(os.environ["PYTEST_RC"]), "train_gpu": int(os.environ["GPU_RC"]), "train_cpu": int(os.environ["CPU_RC"])},
    "pytest_summary": tail,
    "elapsed_s": int(os.environ["ELAPSED"]),
    "gpu": None if gpu is None else {
        "device_name": gpu.get("device_name"), "precision": gpu.get("precision"), "status": gpu.get("status"),
        "steps": gpu.get("steps"), "tokens_per_second": gpu.get("tokens_per_second"), "step_time_s_mean": gpu.get("step_time_s_mean"),
        "peak_memory_mb": gpu.get("peak_memory_mb"), "peak_memory_reserved_mb": gpu.get("peak_memory_reserved_mb"),
        "train_time_s": gpu.get("train_time_s"), "wall_time_s": gpu.get("wall_time_s"),
        "parameters": (gpu.get("model") or {}).get("parameters"), "versions": gpu.get("versions"),
    },
    "cpu": None if cpu is None else {
        "device_name": cpu.get("device_name"), "steps": cpu.get("steps"), "tokens_per_second": cpu.get("tokens_per_second"),
        "step_time_s_mean": cpu.get("step_time_s_mean"), "peak_rss_mb": cpu.get("peak_memory_mb"),
    },
    "loss": {
        "first_10_mean": mean("loss", steps[:10]), "last_10_mean": mean("loss", steps[-10:]),
        "margins_first_10_mean": mean("rewards/margins", steps[:10]), "margins_last_10_mean": mean("rewards/margins", steps[-10:]),
        "kl_last_10_mean": mean("kl", steps[-10:]),
    },
}
g = (s["gpu"] or {}).get("tokens_per_second")
c = (s["cpu"] or {}).get("tokens_per_second")
s["gpu_over_cpu_tokens_per_second"] = g / c if g and c else None
with open(os.path.join(out, "summary.json"), "w") as f:
    json.dump(s, f, indent=2)
print(json.dumps(s, indent=2))
PYEOF
  rm -rf "$WORK"
}
trap finish EXIT

echo "== devices and versions"
{
  nvidia-smi -L 2>&1 || echo "nvidia-smi: not available"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>&1 || true
  "$PY" - <<'PYEOF'
import importlib, platform
print("python", platform.python_version())
for name in ("torch", "transformers", "peft", "accelerate", "safetensors", "pyarrow", "pytest", "numpy"):
    try:
        print(name, importlib.import_module(name).__version__)
    except Exception as e:
        print(name, "missing:", type(e).__name__)
import torch
print("cuda available", torch.cuda.is_available(), "cuda", torch.version.cuda)
if torch.cuda.is_available():
    print("device", torch.cuda.get_device_name(0), "bf16", torch.cuda.is_bf16_supported())
PYEOF
} 2>&1 | tee "$OUT/versions.txt"

echo "== pytest apps/trainer/tests"
set +e
timeout "$(cap 120)" "$PY" -m pytest -q apps/trainer/tests 2>&1 | tee "$OUT/pytest.log"
PYTEST_RC=${PIPESTATUS[0]}
set -e

echo "== synthetic dataset (n=2048)"
timeout "$(cap 60)" "$PY" -m toolrec_trainer synth-data --out "$WORK/data" --n 2048

MODEL_ARGS=(--data "$WORK/data" --model tiny --tiny-hidden 1024 --tiny-layers 8 --tiny-heads 16 --max-length 256 --batch-size 32 --beta 0.01 --lr 1e-4)

echo "== GPU training: $GPU_STEPS steps (time limit 100 s), bf16 autocast"
set +e
timeout "$(cap 170)" "$PY" -m toolrec_trainer train "${MODEL_ARGS[@]}" --device cuda --precision bf16 --steps "$GPU_STEPS" --time-limit 100 --out "$WORK/gpu" 2>&1 | tee "$OUT/train-gpu.log"
GPU_RC=${PIPESTATUS[0]}
set -e

if (( $(left) > 50 )); then
  echo "== CPU training: same model, 3 steps (fp32), for the same-run ratio"
  set +e
  timeout "$(cap 80)" "$PY" -m toolrec_trainer train "${MODEL_ARGS[@]}" --device cpu --precision fp32 --steps 3 --time-limit 35 --out "$WORK/cpu" > "$OUT/train-cpu.log" 2>&1
  CPU_RC=$?
  set -e
  tail -5 "$OUT/train-cpu.log" || true
else
  echo "== CPU training skipped: $(left) s left of the ${BUDGET} s budget" | tee "$OUT/train-cpu.log"
fi

(( PYTEST_RC == 0 && GPU_RC == 0 ))
