import type { Metadata } from "next";
import { CalibrationInspector } from "@/components/calibration/CalibrationInspector";

export const metadata: Metadata = { title: "Calibration" };

export default function CalibrationPage() {
  return <CalibrationInspector />;
}
