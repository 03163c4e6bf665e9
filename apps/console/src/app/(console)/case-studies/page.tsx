import type { Metadata } from "next";
import { Suspense } from "react";
import { CaseStudiesPage } from "@/components/case-studies/CaseStudiesPage";

export const metadata: Metadata = { title: "Case studies" };

export default function Page() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <CaseStudiesPage />
    </Suspense>
  );
}
