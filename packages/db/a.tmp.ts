import { loadCatalog, descriptionSimilarities, descriptionTerms } from "./src/catalog";
const tools = loadCatalog().tools;
const all = descriptionSimilarities(tools, 0);
console.log("pairs", tools.length * (tools.length - 1) / 2, "nonzero", all.length, "top5", all.slice(0, 5).map(p => `${p.a}~${p.b} ${p.similarity.toFixed(3)}`));
const maxPer = new Map<string, number>();
for (const p of all) for (const id of [p.a, p.b]) maxPer.set(id, Math.max(maxPer.get(id) ?? 0, p.similarity));
const vals = tools.map(t => maxPer.get(t.id) ?? 0).sort((a, b) => a - b);
const q = (x: number) => vals[Math.floor(x * (vals.length - 1))]!.toFixed(3);
console.log("nearest-neighbour sim: p50", q(.5), "p90", q(.9), "p95", q(.95), "p99", q(.99), "max", q(1));
for (const th of [0.5, 0.55, 0.6]) console.log(`pairs > ${th}:`, all.filter(p => p.similarity > th).length);
const sim = new Map(all.map(p => [p.a + "|" + p.b, p.similarity]));
const get = (a: string, b: string) => sim.get(a + "|" + b) ?? sim.get(b + "|" + a) ?? 0;
const pw: [string, string][] = [["turn_on", "turn_off"], ["enable", "disable"], ["show", "hide"], ["start", "stop"], ["lock", "unlock"], ["mute", "unmute"], ["increase", "decrease"], ["connect", "disconnect"], ["allow", "block"]];
const ids = new Set(tools.map(t => t.id));
const oo: [number, string][] = [];
for (const t of tools) for (const [x, y] of pw) { if (t.id.split(".")[1]!.startsWith(x + "_")) { const o = t.id.replace("." + x + "_", "." + y + "_"); if (ids.has(o)) oo.push([get(t.id, o), t.id + "~" + o]); } }
oo.sort((a, b) => a[0] - b[0]);
console.log("on/off pairs", oo.length, "median", oo[oo.length >> 1]![0].toFixed(3), "max", oo.slice(-3).map(x => x[1] + " " + x[0].toFixed(3)));
let seed = 42; const r = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
for (const k of [1, 2, 3]) {
  const v: number[] = [];
  for (const t of tools) {
    const terms = descriptionTerms(t.description); const idx = new Set<number>();
    while (idx.size < Math.min(k, terms.length)) idx.add(Math.floor(r() * terms.length));
    const copy = terms.map((w, i) => idx.has(i) ? "zzswap" + i : w).join(" ");
    const p = descriptionSimilarities([...tools, { id: "__copy", description: copy }], 0).find(p => p.a === t.id && p.b === "__copy" || p.b === t.id && p.a === "__copy");
    v.push(p?.similarity ?? 0);
  }
  v.sort((a, b) => a - b);
  console.log(`copy with ${k} content word(s) swapped: min ${v[0]!.toFixed(3)} p5 ${v[Math.floor(.05 * v.length)]!.toFixed(3)} median ${v[v.length >> 1]!.toFixed(3)}; >0.7: ${(100 * v.filter(x => x > 0.7).length / v.length).toFixed(1)}%, >0.75: ${(100 * v.filter(x => x > 0.75).length / v.length).toFixed(1)}%, >0.8: ${(100 * v.filter(x => x > 0.8).length / v.length).toFixed(1)}%`);
}
