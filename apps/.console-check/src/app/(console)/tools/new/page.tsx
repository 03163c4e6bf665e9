import type { Metadata } from "next";
import { Suspense } from "react";
import { NewToolForm } from "./NewToolForm";

export const metadata: Metadata = { title: "New tool" };

export default function NewToolPage() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <NewToolForm />
    </Suspense>
  );
}
