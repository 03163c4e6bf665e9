// The worker's pure parts (the protocol as it reads it, the outcome rules, the trainer's
// command line, nvidia-smi's output) and the parts that touch this machine (the key file's
// mode, the Python probe under Debian's python3).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { probeCapabilities, parseNvidiaSmi } from "../src/capabilities.js";
import { readKeyFile, resolveConfig, writeKeyFile } from "../src/config.js";
import { trainerLaunch } from "../src/launch.js";
import { outcomeOf, parseTrainerLine, ReportBuffer } from "../src/protocol.js";

const metrics = (step: number, loss: number) => parseTrainerLine(JSON.stringify({ type: "metrics", step, loss, kl: 0.1 }))!;

describe("the trainer's protocol as the worker reads it", () => {
  it("takes JSON lines with a known type and nothing else", () => {
    expect(parseTrainerLine('{"type":"progress","step":1,"total_steps":4,"progress":0.25}')).toMatchObject({ type: "progress", step: 1 });
    expect(parseTrainerLine("Some library printed this")).toBeNull();
    expect(parseTrainerLine('{"type":"surprise"}')).toBeNull();
    expect(parseTrainerLine('{"type":"metrics", broken')).toBeNull();
  });

  it("batches every metrics line and the latest progress; a failed report goes back in front", () => {
    const b = new ReportBuffer();
    expect(b.empty).toBe(true);
    b.add(parseTrainerLine('{"type":"start","protocol":1,"world_size":1,"device":"cpu","start_step":4,"resumed_from":4,"total_steps":10}')!);
    b.add(metrics(5, 0.5));
    b.add(parseTrainerLine('{"type":"progress","step":5,"total_steps":10,"progress":0.5}')!);
    b.log("[trainer] step 5/10");
    const first = b.take();
    expect(first).toEqual({ step: 5, totalSteps: 10, resumedFromStep: 4, progress: 0.5, metrics: [{ step: 5, loss: 0.5, kl: 0.1 }], logLines: ["[trainer] step 5/10"] });
    expect(b.empty).toBe(true);
    b.add(metrics(6, 0.4));
    b.restore(first);
    expect(b.take().metrics!.map((m) => m.step)).toEqual([5, 6]);
  });

  it("decides the outcome by the last protocol line, then by how the trainer exited", () => {
    const done = parseTrainerLine('{"type":"done","status":"completed","step":4,"total_steps":4,"artifacts":[]}');
    const cancelled = parseTrainerLine('{"type":"cancelled","step":2,"total_steps":4,"reason":"cancel file","checkpoint":"checkpoints/step-000002"}');
    const error = parseTrainerLine('{"type":"error","kind":"invalid_input","field":"model","message":"unknown model"}');
    const ctx = { cancelRequested: false, stopping: false, stderrTail: ["[trainer] step 2/4", "Traceback (most recent call last):"] };
    // torchrun exits non-zero even when rank 0 finished: the line decides.
    expect(outcomeOf(done, { code: 1, signal: null }, ctx).status).toBe("SUCCEEDED");
    expect(outcomeOf(cancelled, { code: 3, signal: null }, { ...ctx, cancelRequested: true })).toEqual({ status: "CANCELLED", checkpoint: "checkpoints/step-000002" });
    expect(outcomeOf(cancelled, { code: 3, signal: null }, { ...ctx, stopping: true }).status).toBe("RELEASE");
    expect(outcomeOf(cancelled, { code: 3, signal: null }, ctx).status).toBe("FAILED");
    const invalid = outcomeOf(error, { code: 2, signal: null }, ctx);
    expect(invalid).toMatchObject({ status: "FAILED", error: expect.stringContaining("invalid input (model): unknown model") });
    const killed = outcomeOf(null, { code: null, signal: "SIGKILL" }, ctx);
    expect(killed.status).toBe("FAILED");
    expect((killed as { error: string }).error).toMatch(/killed by SIGKILL[\s\S]*last lines of the trainer's stderr[\s\S]*Traceback/);
  });
});

describe("the trainer's command line", () => {
  const base = {
    python: "/usr/bin/python3", trainerDir: "/repo/apps/trainer", modelsDir: "/models", baseModel: "toolrec/tiny-random", gpus: 0, torchVersion: "1.13.1",
    dataDir: "/w/run/data", outDir: "/w/run/out", hyperparametersFile: "/w/run/hp.json", cancelFile: "/w/run/CANCEL", checkpointEvery: 0, checkpointInterval: 600,
  };
  it("runs one process on the CPU or one GPU, resuming whenever there is a checkpoint", () => {
    const cpu = trainerLaunch(base, {});
    expect(cpu.command).toBe("/usr/bin/python3");
    expect(cpu.args.slice(0, 3)).toEqual(["-m", "toolrec_trainer", "train"]);
    expect(cpu.args).toEqual(expect.arrayContaining(["--resume", "--device", "cpu", "--hyperparameters", "@/w/run/hp.json", "--cancel-file", "/w/run/CANCEL"]));
    expect(cpu.env.PYTHONPATH).toBe("/repo/apps/trainer");
    const gpu = trainerLaunch({ ...base, gpus: 1, baseModel: "Qwen3-0.6B" }, { PYTHONPATH: "/extra" });
    expect(gpu.args).not.toContain("--device");
    expect(gpu.args[gpu.args.indexOf("--model") + 1]).toBe("/models/Qwen3-0.6B");
    expect(gpu.env.PYTHONPATH).toBe(`/repo/apps/trainer${path.delimiter}/extra`);
  });
  it("launches G > 1 GPUs with torchrun, spelling out --redirects/--tee for ranks 1..G-1 on torch 1.x only", () => {
    const t1 = trainerLaunch({ ...base, gpus: 4 }, {});
    expect(t1.args.slice(0, 6)).toEqual(["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "4", "--redirects"]);
    expect(t1.args).toEqual(expect.arrayContaining(["--redirects", "1:1,2:1,3:1", "--tee", "1:2,2:2,3:2"]));
    expect(t1.args.slice(t1.args.indexOf("toolrec_trainer") - 1, t1.args.indexOf("toolrec_trainer") + 2)).toEqual(["-m", "toolrec_trainer", "train"]);
    const t2 = trainerLaunch({ ...base, gpus: 2, torchVersion: "2.11.0+cu130" }, {});
    expect(t2.args).not.toContain("--redirects");
    expect(t2.args.slice(0, 5)).toEqual(["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2"]);
  });
});

describe("this machine", () => {
  it("reads nvidia-smi's CSV", () => {
    expect(parseNvidiaSmi("NVIDIA H200, 143771\nNVIDIA A100-SXM4-80GB, 81920\n")).toEqual([
      { name: "NVIDIA H200", memoryMb: 143771 },
      { name: "NVIDIA A100-SXM4-80GB", memoryMb: 81920 },
    ]);
  });

  it("refuses a key file others can read, and writes its own with mode 0600", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-key-"));
    const file = path.join(dir, "key");
    fs.writeFileSync(file, "trk_secret\n", { mode: 0o644 });
    expect(() => readKeyFile(file)).toThrow(/readable by others .*chmod 600/);
    writeKeyFile(file, "trk_secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readKeyFile(file)).toBe("trk_secret");
    fs.rmSync(dir, { recursive: true });
  });

  it("reads its settings from flags over the environment", () => {
    const c = resolveConfig(["--poll-ms", "100", "--once", "--work-dir", "/tmp/w"], { TOOLREC_API_URL: "http://10.0.0.5:4000/graphql", TOOLREC_WORKER_PYTHON: "/opt/py/bin/python" });
    expect(c).toMatchObject({ apiUrl: "http://10.0.0.5:4000/graphql", python: "/opt/py/bin/python", pollMs: 100, maxRuns: 1, workDir: "/tmp/w", keyFile: null });
    expect(resolveConfig(["--local", "--work-dir", "/tmp/w"], {}).keyFile).toBe("/tmp/w/worker-key");
    expect(() => resolveConfig(["--poll-ms", "soon"], {})).toThrow(/--poll-ms/);
    expect(() => resolveConfig(["--bogus"], {})).toThrow();
  });

  it("finds torch in Debian's python3 (toolrec/tiny-random), and nothing to train without a python", async () => {
    const debian = await probeCapabilities({ python: "/usr/bin/python3", modelsDir: "/nonexistent" });
    expect(debian.python).toMatchObject({ ok: true, torch: true });
    expect(debian.models).toContain("toolrec/tiny-random");
    const none = await probeCapabilities({ python: "/nonexistent/python3", modelsDir: "/nonexistent" });
    expect(none.python.ok).toBe(false);
    expect(none.models).toEqual([]);
  }, 60_000);
});
