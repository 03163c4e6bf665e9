// toolrec toolkit export|import|check: the SysToolkit catalog as files, for curators.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import { CATALOG_GATES, checkCatalogFiles, importTools, openDatabase, writeAudit, type ImportReport, type Tool, type ToolInput } from "@toolrec/db";
import { ValidationError } from "@toolrec/core";
import type { Command } from "../main.js";

/** Column order of the CSV form; list-valued and JSON-valued cells are described in the usage. */
export const CSV_COLUMNS = ["id", "name", "description", "categoryId", "canonicalQuery", "utterances", "situations", "parameters", "actionType", "grounding", "popularity", "invocationCount", "enabled"] as const;

export function toolToRow(t: Tool): ToolInput {
  return {
    id: t.id, name: t.name, description: t.description, categoryId: t.categoryId, canonicalQuery: t.canonicalQuery,
    utterances: t.utterances, situations: t.situations, parameters: t.parameters ?? null, actionType: t.actionType,
    grounding: (t.grounding as ToolInput["grounding"]) ?? [], popularity: t.popularity, invocationCount: t.invocationCount, enabled: t.enabled,
  };
}

export function toCsv(rows: ToolInput[]): string {
  return stringifyCsv(
    rows.map((r) => ({
      ...r,
      utterances: r.utterances.join("\n"),
      situations: (r.situations ?? []).join("\n"),
      parameters: r.parameters == null ? "" : JSON.stringify(r.parameters),
      grounding: JSON.stringify(r.grounding ?? []),
      popularity: r.popularity ?? "",
      enabled: r.enabled === false ? "false" : "true",
    })),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

/** Parses a CSV export back into rows. Cells that cannot be read become values the validator rejects with a reason. */
export function fromCsv(text: string): ToolInput[] {
  const records = parseCsv(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  const json = (cell: string | undefined, field: string, index: number) => {
    if (!cell) return null;
    try {
      return JSON.parse(cell);
    } catch {
      throw new ValidationError(`rows[${index}].${field}`, `row ${index + 2}: ${field} is not valid JSON`);
    }
  };
  const int = (cell: string | undefined) => (cell === undefined || cell === "" ? null : Number(cell));
  const lines = (cell: string) => cell.split("\n").map((u) => u.trim()).filter(Boolean);
  return records.map((r, i) => ({
    id: r.id ?? "",
    name: r.name ?? "",
    description: r.description ?? "",
    categoryId: r.categoryId ?? "",
    canonicalQuery: r.canonicalQuery ?? "",
    utterances: lines(r.utterances ?? ""),
    // A file without the column (an export from before situations) leaves them as stored.
    ...(r.situations === undefined ? {} : { situations: lines(r.situations) }),
    parameters: json(r.parameters, "parameters", i),
    actionType: (r.actionType ?? "") as ToolInput["actionType"],
    grounding: json(r.grounding, "grounding", i) ?? [],
    popularity: int(r.popularity),
    invocationCount: int(r.invocationCount),
    enabled: r.enabled === undefined || r.enabled === "" ? true : r.enabled.toLowerCase() === "true",
  }));
}

export function readToolFile(file: string): ToolInput[] {
  const text = fs.readFileSync(file, "utf8");
  if (file.toLowerCase().endsWith(".csv")) return fromCsv(text);
  const data = JSON.parse(text) as unknown;
  const rows = Array.isArray(data) ? data : (data as { tools?: unknown }).tools;
  if (!Array.isArray(rows)) throw new ValidationError("file", `${file}: expected a JSON array of tools (or {"tools": [...]})`);
  return rows as ToolInput[];
}

export function formatImportReport(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? "dry run: would create" : "created"} ${report.created}, ${report.dryRun ? "would update" : "updated"} ${report.updated}, unchanged ${report.unchanged}, skipped ${report.skipped}, invalid rows ${new Set(report.errors.map((e) => e.index)).size}`,
  ];
  for (const e of report.errors) lines.push(`  row ${e.index}${e.id ? ` (${e.id})` : ""}: ${e.field ? `${e.field}: ` : ""}${e.message}`);
  if (report.errors.length && !report.dryRun && report.created + report.updated === 0) lines.push("nothing was written (fix the rows above, or pass --skip-invalid to import the valid rows)");
  return lines.join("\n");
}

const actor = () => `cli:${os.userInfo().username}`;

export const toolkitCommand: Command = {
  name: "toolkit",
  summary: "export, import or check the SysToolkit catalog",
  usage: `usage:
  toolrec toolkit export [--format json|csv] [--out FILE]
  toolrec toolkit import FILE [--dry-run] [--skip-invalid]
  toolrec toolkit check [--dir prisma/catalog] [--devset FILE]

export  writes every tool (enabled or not) as JSON or CSV (stdout unless --out).
import  upserts tools by id from a JSON array or a CSV export. Every row is validated first;
        when any row is invalid nothing is written unless --skip-invalid. CSV cells: utterances
        and situations one per line inside the cell, parameters and grounding as JSON.
check   runs the catalog quality gates on the seed files and the retrieval dev set
        (--devset FILE; default packages/retrieval/devset/dialogues.jsonl).
Uses DATABASE_URL, else the embedded database under .data/ (joining a running server).`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === "export") {
      const { values } = parseArgs({ args: rest, options: { format: { type: "string", default: "json" }, out: { type: "string" } } });
      if (values.format !== "json" && values.format !== "csv") throw new ValidationError("format", "--format must be json or csv");
      const db = await openDatabase();
      try {
        const tools = await db.prisma.tool.findMany({ orderBy: [{ categoryId: "asc" }, { id: "asc" }] });
        const rows = tools.map(toolToRow);
        const text = values.format === "csv" ? toCsv(rows) : JSON.stringify(rows, null, 2) + "\n";
        if (values.out) {
          fs.writeFileSync(values.out, text);
          console.error(`wrote ${rows.length} tools to ${values.out}`);
        } else process.stdout.write(text);
      } finally {
        await db.close();
      }
      return 0;
    }
    if (sub === "import") {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { "dry-run": { type: "boolean" }, "skip-invalid": { type: "boolean" } } });
      const file = positionals[0];
      if (!file) {
        console.error(this.usage);
        return 2;
      }
      const rows = readToolFile(file);
      const db = await openDatabase();
      try {
        const report = await importTools(db.prisma, rows, { dryRun: values["dry-run"], skipInvalid: values["skip-invalid"], actor: actor() });
        if (!report.dryRun && report.created + report.updated > 0) {
          await writeAudit(db.prisma, { actor: actor(), action: "importTools", target: "tools", details: { file, ...report, errors: report.errors.length } });
        }
        console.log(formatImportReport(report));
        return report.errors.length && !values["skip-invalid"] ? 1 : 0;
      } finally {
        await db.close();
      }
    }
    if (sub === "check") {
      const { values } = parseArgs({ args: rest, options: { dir: { type: "string" }, devset: { type: "string" } } });
      const { catalog, devsetTurns, violations } = checkCatalogFiles({ dir: values.dir, devsetPath: values.devset });
      const failed = new Set(violations.map((v) => v.gate));
      console.log(
        `${catalog.tools.length} tools in ${catalog.categories.length} categories, ${devsetTurns ?? "no"} dev-set user turns: ` +
          (violations.length ? `${violations.length} problems in ${failed.size} of ${CATALOG_GATES.length} gates` : `all ${CATALOG_GATES.length} quality gates pass`),
      );
      for (const p of violations) console.log(`  [${p.gate}] ${p.subject ? `${p.subject}: ` : ""}${p.message}`);
      return violations.length ? 1 : 0;
    }
    console.error(this.usage);
    return 2;
  },
};
