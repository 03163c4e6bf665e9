import type { Metadata } from "next";
import { RetrievalWorkbench } from "@/components/retrieval/RetrievalWorkbench";

export const metadata: Metadata = { title: "Retrieval" };

export default function RetrievalPage() {
  return <RetrievalWorkbench />;
}
