import fs from "node:fs";
import { weightedKtoLoss, type WeightedKtoInput } from "@toolrec/core";
import type { Command } from "../main.js";

// JSON has no NaN: a null where a number belongs stands for NaN (a masked row, definitions.md).
const nullAsNaN = (_key: string, value: unknown) => (value === null ? Number.NaN : value);

export const ktoLossCommand: Command = {
  name: "kto-loss",
  summary: "weighted KTO loss (Eq. 2-5, 8) of a JSON batch",
  usage: `usage: toolrec kto-loss BATCH.json [BATCH.json ...]

BATCH.json has policyLogps, referenceLogps, klPolicyLogps, klReferenceLogps, labels
(true = desirable), weights, beta, lambdaD, lambdaU; null in a number array is NaN.
Prints {"z": ..., "loss": ...}, one line per file (python3 -m toolrec_trainer.loss reads
the same files).`,
  async run(args) {
    if (args.length === 0) {
      console.error(this.usage);
      return 2;
    }
    for (const file of args) {
      const batch = JSON.parse(fs.readFileSync(file, "utf8"), nullAsNaN) as WeightedKtoInput;
      const { z, loss } = weightedKtoLoss(batch);
      console.log(JSON.stringify({ z, loss }));
    }
    return 0;
  },
};
