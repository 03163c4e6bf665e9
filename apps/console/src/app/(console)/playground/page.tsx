import type { Metadata } from "next";
import { Playground } from "@/components/serving/Playground";

export const metadata: Metadata = { title: "Playground" };

export default function PlaygroundPage() {
  return <Playground />;
}
