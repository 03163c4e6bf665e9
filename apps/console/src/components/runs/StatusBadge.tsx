import type { TrainingRunStatus } from "./queries";
import styles from "./runs.module.css";

export function StatusBadge({ status, cancelRequested }: { status: TrainingRunStatus; cancelRequested?: boolean }) {
  return (
    <span className={`${styles.status} ${styles[status]}`} data-testid="run-status" data-status={status}>
      {status === "RUNNING" && cancelRequested ? "CANCELLING" : status}
    </span>
  );
}

export function ProgressBar({ progress, label }: { progress: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <div className={styles.progress} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label} title={`${pct}%`}>
      <div className={styles.progressFill} style={{ width: `${pct}%` }} />
    </div>
  );
}
