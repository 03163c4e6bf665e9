"""The GPU check script's dry run: the same stages on the CPU with a tiny shape, so the
script that runs on the GPU machine (where this session may have no time to debug it) is
known to work end to end."""

import json
import subprocess
import sys

from conftest import TRAINER, trainer_env


def test_gpu_check_dry_run_writes_one_results_json(tmp_path):
    p = subprocess.run([sys.executable, str(TRAINER / "device" / "gpu_check.py"), "--dry-run", "--out", str(tmp_path)],
                       capture_output=True, text=True, env=trainer_env(), timeout=400)
    assert p.returncode == 0, p.stderr[-3000:]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["gpu-check.json"]
    r = json.loads((tmp_path / "gpu-check.json").read_text())
    assert r["mode"] == "dry-run" and "2 V d per predicted completion token" in r["flops_per_token"]
    st = r["stages"]
    assert st["environment"]["ok"] and st["environment"]["torch"]
    wp = st["worker_path"]
    assert wp["ok"], wp.get("error")
    assert wp["protocol_ok"] and wp["steps"] == 3 and wp["status"] == "completed" and wp["tokens_per_s"] > 0
    assert wp["cancel"]["rc"] == 3 and wp["cancel"]["last_line"]["type"] == "cancelled" and wp["resume"]["rc"] == 0
    assert set(wp["artifacts"]) == {"adapter/adapter_config.json", "adapter/adapter_model.safetensors", "run.json", "metrics.jsonl"}
    b = st["benchmark_tiny_random"]
    assert b["ok"], b.get("error")
    for mode in ("kto_weighted", "kto_unweighted", "sft"):
        m = b["modes"][mode]
        assert m["tokens_per_s"] > 0 and m["model_flops_per_step"] > 0 and len(m["step_s_rounds"]) == 2
    assert b["modes"]["kto_weighted"]["model_flops_per_step"] == b["modes"]["kto_unweighted"]["model_flops_per_step"]
    assert 1.5 < b["kto_over_sft_expected_from_flops"] < 3.0
    assert "weights_cost" in b and "kto_over_sft_step_time" in b
    assert r["summary"]["passed"] is True and r["summary"]["protocol_cancel_resume_ok"] is True
