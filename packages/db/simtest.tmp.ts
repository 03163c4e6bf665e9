import { loadCatalog } from "@toolrec/db";
import { simulateImpressions, summarizeSimulation, buildToolMatcher } from "@toolrec/core";
const cat = loadCatalog();
const m = buildToolMatcher(cat.tools);
for (const med of [0.03, 0.032, 0.034]) {
  for (const [users, imps] of [[400, 6000], [1000, 50000], [200, 20000], [300, 4500]]) {
    const qs = [], rs = [];
    for (let seed = 1; seed <= 8; seed++) {
      const rows = simulateImpressions(cat.tools as any, { users, impressions: imps, seed, desirableRateMedian: med });
      const s = summarizeSimulation(rows, (x) => !!x.toolId || m.match(x.text) !== null);
      qs.push(s.uctrUpperQuartile); rs.push(s.toolInvokingCtr / s.generalCtr);
    }
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    console.log(med, users, imps, "Q75 mean", mean(qs).toFixed(4), "min", Math.min(...qs).toFixed(3), "max", Math.max(...qs).toFixed(3), "ratio", mean(rs).toFixed(2));
  }
}
