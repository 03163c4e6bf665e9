// What kind of failure a database error is, from its SQLSTATE (PostgreSQL's error code), as
// Prisma's driver adapter reports it. Used to tell "this row's data" from "the database".

/** The SQLSTATE of a failed query, if the error carries one. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code ?? e?.meta?.code ?? e?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Class 22 (data exception) or 23 (integrity constraint): the data was refused, the database is fine. */
export function isDataError(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && (code.startsWith("22") || code.startsWith("23"));
}
