import fs from "node:fs";
import { weightedKtoLoss, type WeightedKtoInput } from "@toolrec/core";
import type { Command } from "../main.js";

export const ktoLossCommand: Command = {
  name: "kto-loss",
  summary: "weighted KTO loss (Eq. 2-5, 8) of a JSON batch",
  usage: `usage: toolrec kto-loss BATCH.json

BATCH.json has policyLogps, referenceLogps, klPolicyLogps, klReferenceLogps, labels
(true = desirable), weights, beta, lambdaD, lambdaU. Prints {"z": ..., "loss": ...}.`,
  async run(args) {
    const file = args[0];
    if (!file) {
      console.error(this.usage);
      return 2;
    }
    const batch = JSON.parse(fs.readFileSync(file, "utf8")) as WeightedKtoInput;
    const { z, loss } = weightedKtoLoss(batch);
    console.log(JSON.stringify({ z, loss }));
    return 0;
  },
};
