import type { NextRequest } from "next/server";
import { proxyDownload } from "@/lib/download-proxy";

export const dynamic = "force-dynamic";

/** Training-run artifact downloads (adapter files, run.json, metrics.jsonl, the log) through the console. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string; path: string[] }> }) {
  const { id, path } = await context.params;
  return proxyDownload(request, (base) => `${base}/training-runs/${encodeURIComponent(id)}/artifacts/${path.map(encodeURIComponent).join("/")}`);
}
