import type { TrainingRunStatus } from "./queries";
import styles from "./runs.module.css";

export function StatusBadge({ status, cancelRequested }: { status: TrainingRunStatus; cancelRequested?: boolean }) {
  return (
    <span className={`${styles.status} ${styles[status]}`} data-testid="run-status" data-status={status}>
      {status === "RUNNING" && cancelRequested ? "CANCELLING" : status}
    </span>
  );
}

export { ProgressBar } from "@/components/ProgressBar";
