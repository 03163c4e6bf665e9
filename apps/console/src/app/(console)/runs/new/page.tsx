import type { Metadata } from "next";
import { CreateRunForm } from "@/components/runs/CreateRunForm";

export const metadata: Metadata = { title: "New run" };

export default function NewRunPage() {
  return <CreateRunForm />;
}
