// toolrec toolkit export/import against a real embedded database: round trips in both
// formats, dry runs, and bad rows that leave the catalog untouched.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@toolrec/db";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import { DEFAULT_CATALOG_DIR } from "@toolrec/db";
import { cli, seededDatabase } from "./run-cli.js";

let db: Database;
let dir: string;

beforeAll(async () => {
  ({ db, dir } = await seededDatabase("toolrec-cli-test-"));
});
afterAll(async () => {
  await db?.close();
});

describe("toolrec toolkit", () => {
  it("round-trips the catalog through JSON and CSV: re-importing an export changes nothing", async () => {
    for (const format of ["json", "csv"]) {
      const file = path.join(dir, `tools.${format}`);
      const exported = await cli("toolkit", "export", "--format", format, "--out", file);
      expect(exported.code).toBe(0);
      const again = await cli("toolkit", "import", file);
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/created 0, updated 0, unchanged 708/);
    }
  });

  it("applies an edited CSV row as an update with a revision, and a new row as a create", async () => {
    const file = path.join(dir, "edited.csv");
    await cli("toolkit", "export", "--format", "csv", "--out", file);
    const text = fs.readFileSync(file, "utf8")
      .replace("Clean the speaker", "Eject water from speaker")
      .trimEnd() + '\nsound.test_chime,Play a test chime,"Plays a short chime so you can check the speaker works.",sound,Play a test chime,"play a test chime\ncheck my speaker makes noise","the new speaker dock arrived and I want to hear it\nnot sure the phone still makes any sound",,EXECUTE,"[{""source"":""oem"",""reason"":""vendor sound test""}]",2,10,true\n';
    fs.writeFileSync(file, text);
    const dry = await cli("toolkit", "import", file, "--dry-run");
    expect(dry.out).toMatch(/dry run: would create 1, would update 1, unchanged 707/);
    expect(await db.prisma.tool.findUnique({ where: { id: "sound.test_chime" } })).toBeNull();
    const real = await cli("toolkit", "import", file);
    expect(real.out).toMatch(/created 1, updated 1, unchanged 707/);
    const speaker = await db.prisma.tool.findUniqueOrThrow({ where: { id: "sound.clean_speaker" } });
    expect(speaker.canonicalQuery).toBe("Eject water from speaker");
    const revisions = await db.prisma.toolRevision.findMany({ where: { toolId: "sound.clean_speaker" }, orderBy: { version: "desc" } });
    expect(revisions[0]).toMatchObject({ action: "UPDATE", version: speaker.version });
    expect(await db.prisma.auditEntry.count({ where: { action: "importTools" } })).toBeGreaterThan(0);
  });

  it("reports every bad row with its reason and writes nothing, unless told to skip them", async () => {
    const file = path.join(dir, "bad.json");
    const good = { id: "display.test_glow", name: "Test glow", description: "Makes the screen glow for a test.", categoryId: "display", canonicalQuery: "Make the screen glow", utterances: ["make the screen glow for a test"], actionType: "EXECUTE" };
    fs.writeFileSync(file, JSON.stringify([
      good,
      { ...good, id: "display.bad_one", name: "", canonicalQuery: "A fresh chip" },
      { ...good, id: "display.bad_two", canonicalQuery: "Turn on Wi-Fi" },
      { ...good, id: "display.bad_three", canonicalQuery: "Another chip", categoryId: "kitchen", parameters: { type: "object", properties: { x: { type: "colour" } } } },
    ]));
    const before = await db.prisma.tool.count();
    const rejected = await cli("toolkit", "import", file);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toMatch(/row 1 \(display\.bad_one\): name:/);
    expect(rejected.out).toMatch(/row 2 \(display\.bad_two\): canonicalQuery: .*already used by network\.turn_on_wifi/);
    expect(rejected.out).toMatch(/row 3 \(display\.bad_three\): parameters:/);
    expect(rejected.out).toMatch(/row 3 \(display\.bad_three\): categoryId: unknown category "kitchen"/);
    expect(rejected.out).toMatch(/nothing was written/);
    expect(await db.prisma.tool.count()).toBe(before);

    const skipped = await cli("toolkit", "import", file, "--skip-invalid");
    expect(skipped.code).toBe(0);
    expect(skipped.out).toMatch(/created 1, updated 0, unchanged 0, skipped 3/);
    expect(await db.prisma.tool.count()).toBe(before + 1);
  });

  it("carries situations through both formats, and a CSV without the column leaves them as stored", async () => {
    const json = path.join(dir, "situations.json");
    await cli("toolkit", "export", "--format", "json", "--out", json);
    const rows = JSON.parse(fs.readFileSync(json, "utf8")) as { id: string; situations: string[] }[];
    const speaker = rows.find((r) => r.id === "sound.clean_speaker")!;
    expect(speaker.situations.length).toBeGreaterThanOrEqual(2);

    const csv = path.join(dir, "situations.csv");
    await cli("toolkit", "export", "--format", "csv", "--out", csv);
    // Rewrite one tool's situations in the CSV: the import updates exactly that tool.
    const edited = fs.readFileSync(csv, "utf8").replace(speaker.situations.join("\n"), "my phone fell in the bath and sounds tinny\nthe speaker crackles after the rain");
    fs.writeFileSync(csv, edited);
    expect((await cli("toolkit", "import", csv)).out).toMatch(/created 0, updated 1, unchanged \d+/);
    const stored = await db.prisma.tool.findUniqueOrThrow({ where: { id: "sound.clean_speaker" } });
    expect(stored.situations).toEqual(["my phone fell in the bath and sounds tinny", "the speaker crackles after the rain"]);

    // An older export without a situations column changes nothing.
    const legacy = path.join(dir, "legacy.csv");
    const records = parseCsv(edited, { columns: true }) as Record<string, string>[];
    fs.writeFileSync(legacy, stringifyCsv(records.map(({ situations: _, ...rest }) => rest), { header: true }));
    expect((await cli("toolkit", "import", legacy)).out).toMatch(/created 0, updated 0, unchanged \d+/);
    expect((await db.prisma.tool.findUniqueOrThrow({ where: { id: "sound.clean_speaker" } })).situations).toEqual(stored.situations);
  });

  it("check runs every quality gate on the seed files and the dev set, and names the gate a broken copy fails", async () => {
    const ok = await cli("toolkit", "check");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/708 tools in 16 categories, \d+ dev-set user turns: all \d+ quality gates pass/);

    const copy = path.join(dir, "catalog-copy");
    fs.cpSync(DEFAULT_CATALOG_DIR, copy, { recursive: true });
    const file = path.join(copy, "tools", "sound.json");
    const tools = JSON.parse(fs.readFileSync(file, "utf8")) as { id: string; situations: string[] }[];
    tools.find((t) => t.id === "sound.clean_speaker")!.situations = ["my phone got wet"];
    fs.writeFileSync(file, JSON.stringify(tools));
    const broken = await cli("toolkit", "check", "--dir", copy);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/1 problems in 1 of \d+ gates/);
    expect(broken.out).toMatch(/\[situations\] sound\.clean_speaker: needs at least 2 situations/);
  });

  it("explains bad usage", async () => {
    expect((await cli("toolkit", "export", "--format", "xml")).err).toMatch(/--format must be json or csv/);
    expect((await cli("nope")).code).toBe(2);
  });
});

describe("toolrec kto-loss", () => {
  it("reproduces definitions.md's test vector TV2", async () => {
    const file = path.join(dir, "tv2.json");
    fs.writeFileSync(file, JSON.stringify({
      policyLogps: [-20, -25, -18, -30, -22], referenceLogps: [-21, -24, -18.5, -28, -22],
      klPolicyLogps: [-26, -19, -31, -21, -24], klReferenceLogps: [-27, -19.5, -30, -22, -25],
      labels: [true, true, false, false, true], weights: [0.5, 2, 1, 1.5, 1], beta: 0.1, lambdaD: 1.33, lambdaU: 1,
    }));
    const { out, code } = await cli("kto-loss", file);
    expect(code).toBe(0);
    const { z, loss } = JSON.parse(out);
    expect(z).toBeCloseTo(0.05, 6);
    expect(loss).toBeCloseTo(0.718422, 6);
  });
});
