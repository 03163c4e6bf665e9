// Prisma CLI configuration: the Rust-free path (environment.md). The CLI is used only for
// `generate` and `migrate diff`; migrations are applied by packages/db's runner.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://offline@127.0.0.1:1/offline" }),
});
