"""The calibration of definitions.md (Eq. 6, 7, 9, aggregates, histograms), vectorised with
numpy, for packages/core/bench/calibration.ts. Reads the window from flat binary columns:
user.i32 (n), p.f64 (n*K, NaN = general query), exposed.u8 and clicked.u8 (n*K).
Prints one JSON line: the best and median milliseconds over the rounds and a few results to cross-check.
"""
import json
import sys
import time

import numpy as np

ALPHA, GAMMA, K_EXP, MU, BINS = 0.25, 1.25, 3.0, 0.07, 20


def calibrate(user, p, exposed, clicked, n_users):
    # Labels: desirable iff an exposed suggestion was clicked.
    hit = exposed & clicked
    desirable = hit.any(axis=1)
    # Deciding tool: clicked tool-invoking suggestions if desirable, else exposed ones; largest p.
    tool = ~np.isnan(p)
    evidence = tool & np.where(desirable[:, None], hit, exposed)
    pmax = np.where(evidence, p, -np.inf).max(axis=1)
    tool_invoking = evidence.any(axis=1)
    # uctr per user, mu fixed, s = population std of per-user uctr (users present).
    total = np.bincount(user, minlength=n_users)
    clicks = np.bincount(user, weights=desirable, minlength=n_users)
    present = total > 0
    uctr_user = np.zeros(n_users)
    uctr_user[present] = clicks[present] / total[present]
    s = float(uctr_user[present].std())
    uctr = uctr_user[user]
    # Eq. 6
    if s == 0:
        w_u = np.ones(len(user))
    else:
        t = np.tanh((uctr - MU) / s)
        w_u = np.where(desirable, 1 - ALPHA * t, 1 + ALPHA * t)
    # Eq. 7 (DYNAMIC)
    boost = np.power(1 + GAMMA, np.power(np.where(tool_invoking, pmax, 0.0), K_EXP))
    w_s = np.where(tool_invoking, np.where(desirable, boost, 0.0), 1.0)
    # Eq. 9 (both sides on)
    w = np.where(desirable, np.maximum(w_u, w_s), np.minimum(w_u, w_s))
    # Aggregates and histograms by label.
    sum_w = float(w.sum())
    sum_w2 = float((w * w).sum())
    ess = sum_w * sum_w / sum_w2 if sum_w2 > 0 else 0.0
    masked = int((w == 0).sum())
    hists = []
    for values, lo, hi in ((w_u, 1 - ALPHA, 1 + ALPHA), (w_s, 0.0, 1 + GAMMA), (w, 0.0, max(1 + ALPHA, 1 + GAMMA))):
        for label in (desirable, ~desirable):
            hists.append(np.histogram(values[label], bins=BINS, range=(lo, hi))[0])
    return {"weightSum": sum_w, "ess": ess, "masked": masked, "mu": MU, "s": s, "hists": hists}


def main():
    folder, n, k, n_users, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    user = np.fromfile(f"{folder}/user.i32", dtype=np.int32)
    p = np.fromfile(f"{folder}/p.f64", dtype=np.float64).reshape(n, k)
    exposed = np.fromfile(f"{folder}/exposed.u8", dtype=np.uint8).reshape(n, k).astype(bool)
    clicked = np.fromfile(f"{folder}/clicked.u8", dtype=np.uint8).reshape(n, k).astype(bool)
    calibrate(user[:10000], p[:10000], exposed[:10000], clicked[:10000], n_users)  # warm-up
    times = []
    result = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = calibrate(user, p, exposed, clicked, n_users)
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"ms": min(times), "medianMs": sorted(times)[len(times) // 2], "weightSum": result["weightSum"], "mu": result["mu"], "s": result["s"],
                      "masked": result["masked"], "version": np.__version__}))


if __name__ == "__main__":
    main()
