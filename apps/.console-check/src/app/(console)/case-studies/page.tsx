import type { Metadata } from "next";
import { NotLanded } from "@/components/NotLanded";

export const metadata: Metadata = { title: "Case studies" };

export default function CaseStudiesPage() {
  return (
    <NotLanded title="Case studies" issue="issue #4">
      <p>It will walk through individual impressions and how calibration weighted them.</p>
    </NotLanded>
  );
}
