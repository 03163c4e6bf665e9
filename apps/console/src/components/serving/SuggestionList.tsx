// Served suggestions in generated order: exposed ones solid, the K−N not exposed dashed; each
// with its tool badge (the enabled tool it resolves to) or "general".

import Link from "next/link";
import type { SuggestionView } from "./queries";
import styles from "./serving.module.css";

export function SuggestionList({ suggestions, label }: { suggestions: SuggestionView[]; label: string }) {
  return (
    <ol className={styles.suggestions} aria-label={label}>
      {suggestions.map((s) => (
        <li
          key={s.position}
          className={`${styles.suggestion} ${s.isToolInvoking ? styles.suggestionTool : ""} ${s.exposed ? "" : styles.suggestionHidden}`}
          data-position={s.position}
          data-exposed={s.exposed}
          data-tool-id={s.tool?.id ?? ""}
        >
          <span className={styles.position}>{s.position}</span>
          <span className={styles.suggestionText}>{s.text}</span>
          <span className={styles.suggestionMeta}>
            {s.source !== "model" && (
              <span className={styles.source} title="Written by the grounded generator (the whole answer, a fallback, or filling a short model answer)">
                grounded
              </span>
            )}
            {s.tool ? (
              <Link href={`/tools/${encodeURIComponent(s.tool.id)}`} className={styles.toolBadge} title={`${s.tool.name} (${s.tool.category.name})`} data-testid="tool-badge">
                <span aria-hidden>⚙</span>
                {s.tool.name}
              </Link>
            ) : (
              <span className={styles.generalBadge} title="Resolves to no enabled tool">
                general
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
