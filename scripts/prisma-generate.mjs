// Generates the Prisma client offline into packages/db/src/generated.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { prismaEnv } from "./prisma-env.mjs";
const root = fileURLToPath(new URL("..", import.meta.url));
execFileSync(process.execPath, [`${root}/node_modules/prisma/build/index.js`, "generate"], {
  cwd: root, env: prismaEnv(), stdio: "inherit",
});
