// `node --import tsx packages/db/scripts/stop-embedded.ts [DATA_DIR]`: stops the embedded
// PostgreSQL server of a data folder (default TOOLREC_DATA_DIR or .data) when no ToolRec
// process uses it, e.g. after the one that used it was killed. `npm start` runs it when its
// API ended abnormally. A server still in use is left running.
import { dataDir } from "../src/paths.js";
import { stopUnusedEmbeddedServer } from "../src/embedded/server.js";

const dir = process.argv[2] ?? dataDir();
const stopped = await stopUnusedEmbeddedServer(dir);
console.log(stopped ? `stopped the embedded PostgreSQL server of ${dir}` : `no unused embedded PostgreSQL server runs on ${dir}`);
