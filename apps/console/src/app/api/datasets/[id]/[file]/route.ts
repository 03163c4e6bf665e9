import type { NextRequest } from "next/server";
import { jsonError, proxyDownload } from "@/lib/download-proxy";

export const dynamic = "force-dynamic";

/** The files the API serves per dataset (PreferenceDataset.exportPaths). */
const FILES = new Set(["export.jsonl", "export.parquet", "metadata.json"]);

/** Dataset downloads: GET <API>/datasets/<id>/<file> through the console (lib/download-proxy). */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await context.params;
  if (!FILES.has(file)) return jsonError(404, "NOT_FOUND", `No such export file: ${file}`);
  return proxyDownload(request, (base) => {
    const url = new URL(`${base}/datasets/${encodeURIComponent(id)}/${file}`);
    // metadata.json?format=parquet describes the Parquet file instead of the JSONL one.
    const format = request.nextUrl.searchParams.get("format");
    if (file === "metadata.json" && format) url.searchParams.set("format", format);
    return url;
  });
}
