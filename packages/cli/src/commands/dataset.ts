// toolrec dataset create|list|export: calibrated preference datasets as files for training.
import os from "node:os";
import { parseArgs } from "node:util";
import { TABLE2_VARIANTS, ValidationError, type CalibrationConfigInput } from "@toolrec/core";
import cliProgress from "cli-progress";
import { checkFormat, createPreferenceDataset, listPreferenceDatasets, openDatabase, writeAudit, writeDatasetExport } from "@toolrec/db";
import type { Command } from "../main.js";

const actor = () => `cli:${os.userInfo().username}`;

function date(name: string, v: string | undefined): Date | null {
  if (v === undefined) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new ValidationError(name, `--${name} must be an ISO-8601 date-time`);
  return d;
}

function number(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ValidationError(`config.${name}`, `--${name} must be a number`);
  return n;
}

function bool(name: string, v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw new ValidationError(`config.${name}`, `--${name} must be true or false`);
  return v === "true";
}

export const datasetCommand: Command = {
  name: "dataset",
  summary: "create, list or export calibrated preference datasets (KTO: prompt, completion, label, weight)",
  usage: `usage:
  toolrec dataset create --name NAME [--from ISO] [--to ISO] [--variant 1|2|3|4|ToolRec]
                         [--alpha A] [--gamma G] [--k K] [--mu M] [--mu-mode FIXED|UPPER_QUARTILE] [--s S]
                         [--user-side true|false] [--system-side OFF|STATIC|DYNAMIC]
  toolrec dataset list
  toolrec dataset export ID [--format jsonl|parquet] [--out DIR]

create  snapshots the impressions in [from, to) under a calibration config (definitions.md;
        --variant picks one of Table 2's variants, explicit options override it).
export  writes DIR/ID.jsonl or DIR/ID.parquet with the columns TRL's KTOTrainer reads
        (prompt, completion, label as a bool) plus weight (Eq. 9), and DIR/ID.metadata.json
        (config, counts, mu, s, sha256 of the data file, created time). DIR defaults to ".".`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === "export") {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: "string", default: "jsonl" }, out: { type: "string", default: "." } } });
      const id = positionals[0];
      if (!id) {
        console.error(this.usage);
        return 2;
      }
      const format = checkFormat(values.format!);
      const db = await openDatabase();
      try {
        const { dataFile, metadataFile, metadata } = await writeDatasetExport(db.prisma, id, { format, outDir: values.out! });
        console.log(`wrote ${metadata.rows} samples to ${dataFile} (sha256 ${metadata.checksum}) and ${metadataFile}`);
        return 0;
      } finally {
        await db.close();
      }
    }
    if (sub === "create") {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: "string" }, from: { type: "string" }, to: { type: "string" }, variant: { type: "string" },
          alpha: { type: "string" }, gamma: { type: "string" }, k: { type: "string" }, mu: { type: "string" }, "mu-mode": { type: "string" },
          s: { type: "string" }, "user-side": { type: "string" }, "system-side": { type: "string" },
        },
      });
      if (!values.name) {
        console.error(this.usage);
        return 2;
      }
      let base: CalibrationConfigInput = {};
      if (values.variant !== undefined) {
        const v = TABLE2_VARIANTS[values.variant as keyof typeof TABLE2_VARIANTS];
        if (!v) throw new ValidationError("variant", `--variant must be one of ${Object.keys(TABLE2_VARIANTS).join(", ")}`);
        base = v;
      }
      const config: Record<string, unknown> = { ...base };
      const set = (key: string, value: unknown) => value !== undefined && (config[key] = value);
      set("alpha", number("alpha", values.alpha));
      set("gamma", number("gamma", values.gamma));
      set("k", number("k", values.k));
      set("mu", number("mu", values.mu));
      set("s", number("s", values.s));
      set("muMode", values["mu-mode"]);
      set("userSide", bool("user-side", values["user-side"]));
      set("systemSide", values["system-side"]);
      const db = await openDatabase();
      // The same build the API runs in the background, with a progress bar on stderr.
      const bar = new cliProgress.SingleBar(
        { format: "dataset [{bar}] {percentage}% | {phase}", hideCursor: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      bar.start(100, 0, { phase: "checking the window" });
      try {
        const d = await createPreferenceDataset(
          db.prisma,
          { name: values.name, from: date("from", values.from), to: date("to", values.to), config: config as CalibrationConfigInput },
          actor(),
          { onProgress: (fraction, phase) => bar.update(Math.round(fraction * 100), { phase }) },
        ).finally(() => bar.stop());
        await writeAudit(db.prisma, { actor: actor(), action: "createPreferenceDataset", target: `dataset:${d.id}`, details: { name: d.name, config } });
        console.log(`${d.id}  ${d.name}: ${d.sampleCount} samples (${d.desirableCount} desirable, ${d.undesirableCount} undesirable, ${d.maskedCount} masked), mu ${d.mu.toFixed(4)}, s ${d.s.toFixed(4)}, effective sample size ${d.effectiveSampleSize.toFixed(1)}`);
        return 0;
      } finally {
        await db.close();
      }
    }
    if (sub === "list") {
      const db = await openDatabase();
      try {
        const page = await listPreferenceDatasets(db.prisma, { first: 200 });
        for (const d of page.datasets) {
          console.log(`${d.id}  ${d.createdAt.toISOString()}  ${String(d.sampleCount).padStart(8)} samples  ${d.name}`);
        }
        if (page.datasets.length === 0) console.log("no datasets yet (toolrec dataset create --name NAME)");
        return 0;
      } finally {
        await db.close();
      }
    }
    console.error(this.usage);
    return 2;
  },
};
