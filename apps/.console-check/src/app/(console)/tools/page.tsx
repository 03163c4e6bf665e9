import type { Metadata } from "next";
import { Suspense } from "react";
import { ToolsTable } from "./ToolsTable";

export const metadata: Metadata = { title: "Tools" };

export default function ToolsPage() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <ToolsTable />
    </Suspense>
  );
}
