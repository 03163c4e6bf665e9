import type { Metadata } from "next";
import { NotLanded } from "@/components/NotLanded";

export const metadata: Metadata = { title: "Retrieval" };

export default function RetrievalPage() {
  return (
    <NotLanded title="Retrieval" issue="issue #5">
      <p>It will preview which tools the retriever returns for a dialogue (retrievalPreview) and compare retrievers.</p>
    </NotLanded>
  );
}
