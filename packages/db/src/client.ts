import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";

export type Db = PrismaClient;

/** A Prisma client over node-postgres (the Rust-free path; environment.md). */
export function createPrismaClient(databaseUrl: string, opts: { poolMax?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.poolMax ?? 8 });
  return new PrismaClient({ adapter });
}
