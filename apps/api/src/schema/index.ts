import fs from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));

/** schema.graphql (the contract, extended) first, then every other *.graphql beside it. */
export function loadTypeDefs(): string[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort((a, b) => (a === "schema.graphql" ? -1 : b === "schema.graphql" ? 1 : a.localeCompare(b)));
  return files.map((f) => fs.readFileSync(`${dir}/${f}`, "utf8"));
}
