import type { Metadata } from "next";
import { RunsList } from "@/components/runs/RunsList";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return <RunsList />;
}
