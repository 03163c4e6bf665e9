// The core package's modules import each other without cycles (issue 9 code item 1: the
// calibration <-> columnar cycle). Value imports only: `import type` is erased at run time.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");

function modules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** Relative value imports of a module, resolved to files. */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)"/gms)) {
    if (m[1]) continue;
    const base = path.resolve(path.dirname(file), m[2]!.replace(/\.js$/, ""));
    const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
    if (target) out.push(target);
  }
  return out;
}

/** One import cycle, as a list of files, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === "done") return null;
    if (state.get(f) === "open") return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, "open");
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      const cycle = visit(g);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(f, "done");
    return null;
  };
  for (const f of graph.keys()) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return null;
}

describe("@toolrec/core imports", () => {
  const graph = new Map(modules(src).map((f) => [f, valueImports(f)]));

  it("finds the imports it checks (calibration-batch imports columnar, columnar imports calibration)", () => {
    expect(graph.get(path.join(src, "calibration-batch.ts"))).toContain(path.join(src, "columnar.ts"));
    expect(graph.get(path.join(src, "columnar.ts"))).toContain(path.join(src, "calibration.ts"));
  });

  it("has no import cycle", () => {
    const cycle = findCycle(graph);
    expect(cycle?.map((f) => path.relative(src, f)) ?? null).toBeNull();
  });

  it("would report a cycle (the check itself can fail)", () => {
    expect(findCycle(new Map([["a", ["b"]], ["b", ["a"]]]))).toEqual(["a", "b", "a"]);
  });
});
