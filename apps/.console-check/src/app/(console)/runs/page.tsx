import type { Metadata } from "next";
import { NotLanded } from "@/components/NotLanded";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <NotLanded title="Training runs" issue="the training-runs issue">
      <p>It will list KTO training runs, their progress and metrics, and let engineers queue or cancel runs.</p>
    </NotLanded>
  );
}
