// A progress bar for long work the API reports as a fraction 0..1 (training runs, dataset builds).
import styles from "./ProgressBar.module.css";

export function ProgressBar({ progress, label }: { progress: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <div className={styles.progress} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label} title={`${pct}%`}>
      <div className={styles.progressFill} style={{ width: `${pct}%` }} />
    </div>
  );
}
