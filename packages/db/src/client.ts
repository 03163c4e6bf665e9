import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";

export type Db = PrismaClient;

/** A Prisma client over node-postgres (the Rust-free path; environment.md). */
export function createPrismaClient(databaseUrl: string, opts: { poolMax?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.poolMax ?? 8 });
  // A burst of writes (50 concurrent creates on a pool of 8) waits for a connection; Prisma's
  // default of 2 s for that wait turned a busy moment into INTERNAL errors.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}
