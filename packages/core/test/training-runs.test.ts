import { describe, expect, it } from "vitest";
import { appendLogTail, runnableBaseModels, trainingArtifactKind, TRAINING_LOG_LINE_MAX, ValidationError } from "../src/index";

describe("training runs: shared rules", () => {
  it("knows a run's artifacts by path and refuses paths that leave the run folder", () => {
    expect(trainingArtifactKind("adapter/adapter_model.safetensors")).toBe("adapter");
    expect(trainingArtifactKind("run.json")).toBe("run");
    expect(trainingArtifactKind("metrics.jsonl")).toBe("metrics");
    expect(trainingArtifactKind("logs/trainer.log")).toBe("log");
    expect(trainingArtifactKind("checkpoints/step-000040/trainer_state.pt")).toBe("checkpoint");
    expect(trainingArtifactKind("ranker.json")).toBe("adapter");
    for (const bad of ["../x", "adapter/../../etc/passwd", "/abs/path", ".hidden", "adapter/.x", "other.bin", "adapter/sub/deep.bin", ""]) {
      expect(() => trainingArtifactKind(bad), bad).toThrow(ValidationError);
    }
  });

  it("lists the base models a worker can train from what its Python has", () => {
    expect(runnableBaseModels({ torch: false, transformers: false, peft: false }, ["Qwen3-0.6B"])).toEqual([]);
    expect(runnableBaseModels({ torch: true, transformers: false, peft: false }, ["Qwen3-0.6B"])).toEqual(["toolrec/tiny-random", "toolrec/ranker"]);
    expect(runnableBaseModels({ torch: true, transformers: true, peft: true }, ["Qwen3-0.6B", "bad name"])).toEqual(["toolrec/tiny-random", "toolrec/ranker", "qwen3-random", "Qwen3-0.6B"]);
  });

  it("keeps the log tail bounded in lines and line length", () => {
    const tail = appendLogTail(["a", "b"], ["c", "x".repeat(TRAINING_LOG_LINE_MAX + 10)], 3);
    expect(tail).toHaveLength(3);
    expect(tail[0]).toBe("b");
    expect(tail[2]!.length).toBeLessThan(TRAINING_LOG_LINE_MAX + 10);
    expect(tail[2]).toMatch(/…\[cut\]$/);
  });
});
