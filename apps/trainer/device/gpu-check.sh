#!/usr/bin/env bash
# GPU check of apps/trainer: one command, one results JSON ($OUT/gpu-check.json). From the
# repository root:
#
#   OUT=/some/dir bash apps/trainer/device/gpu-check.sh            # one GPU: about 6-8 minutes
#   OUT=/some/dir bash apps/trainer/device/gpu-check.sh --dry-run  # a CPU: tiny shape, same code path
#
# What it runs and reports: see gpu_check.py's docstring (pytest, the worker -> trainer path on a
# Qwen3-0.6B-shaped model in bf16 with cancel/resume, tokens/s, peak memory, MFU, the weights'
# cost, KTO vs a supervised step). The stages keep to a 450 s budget; `timeout` is the backstop.
# Exit status 0 when every stage that ran passed.
set -euo pipefail
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
OUT="${OUT:-$PWD/gpu-check-out}"
exec timeout 560 "${PYTHON:-python3}" apps/trainer/device/gpu_check.py --out "$OUT" "$@"
