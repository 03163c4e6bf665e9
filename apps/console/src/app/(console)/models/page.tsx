import type { Metadata } from "next";
import { ModelsPage } from "@/components/serving/ModelsPage";

export const metadata: Metadata = { title: "Models" };

export default function ModelsRoute() {
  return <ModelsPage />;
}
