import type { Metadata } from "next";
import { CaseStudyView } from "@/components/case-studies/CaseStudyView";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Case study ${decodeURIComponent(id)}` };
}

/** One impression (by id) as a case study, starred or not. */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CaseStudyView impressionId={decodeURIComponent(id)} />;
}
