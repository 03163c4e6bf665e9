// Writes test-support/golden/ranker-features.json (run after changing features.ts and
// ranker_features.py together): npx tsx packages/recommender/scripts/ranker-golden.ts
import fs from "node:fs";
import { buildRankerGolden, RANKER_GOLDEN_FILE } from "../test-support/ranker-golden";

fs.writeFileSync(RANKER_GOLDEN_FILE, `${JSON.stringify(buildRankerGolden(), null, 1)}\n`);
console.log(`wrote ${RANKER_GOLDEN_FILE.pathname}`);
