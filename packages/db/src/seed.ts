// Seeds the SysToolkit catalog (prisma/catalog) into an empty database. Categories are
// upserted every time; tools only when the table is empty, so curators' edits are never
// overwritten by a restart.
import type { Db } from "./client.js";
import { loadCatalog } from "./catalog.js";
import { importTools, type ImportReport, type ToolInput } from "./toolkit.js";

export async function seedCatalog(db: Db, opts: { force?: boolean } = {}): Promise<{ categories: number; tools: ImportReport | null }> {
  const catalog = loadCatalog();
  await db.$transaction(
    catalog.categories.map((c, position) =>
      db.category.upsert({
        where: { id: c.id },
        create: { id: c.id, code: c.code, name: c.name, target: c.target, position },
        update: { code: c.code, name: c.name, target: c.target, position },
      }),
    ),
  );
  if (!opts.force && (await db.tool.count()) > 0) return { categories: catalog.categories.length, tools: null };
  const report = await importTools(db, catalog.tools as ToolInput[], { actor: "seed" });
  if (report.errors.length) {
    const first = report.errors[0]!;
    throw new Error(`catalog seed rejected ${report.errors.length} rows; first: ${first.id} ${first.field}: ${first.message}`);
  }
  return { categories: catalog.categories.length, tools: report };
}
