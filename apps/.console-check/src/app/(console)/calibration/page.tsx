import type { Metadata } from "next";
import { NotLanded } from "@/components/NotLanded";

export const metadata: Metadata = { title: "Calibration" };

export default function CalibrationPage() {
  return (
    <NotLanded title="Calibration" issue="issue #4">
      <p>It will build calibrated preference datasets from logged impressions and show their weight distributions.</p>
    </NotLanded>
  );
}
