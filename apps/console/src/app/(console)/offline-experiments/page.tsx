import type { Metadata } from "next";
import { OfflineExperimentsPage } from "@/components/offline-experiments/OfflineExperimentsPage";

export const metadata: Metadata = { title: "Offline experiments" };

export default function OfflineExperimentsRoute() {
  return <OfflineExperimentsPage />;
}
