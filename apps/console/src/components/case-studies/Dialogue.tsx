// An impression's dialogue (the paper's x: earlier turns C, the user query q_u and the
// assistant response A) as chat bubbles, and its K suggestions as chips with tool badges.

import Link from "next/link";
import type { ImpressionView, LoggedSuggestionView } from "@/components/calibration/queries";
import styles from "./case-studies.module.css";

export function DialogueView({ impression, compact = false }: { impression: ImpressionView; compact?: boolean }) {
  return (
    <ol className={`${styles.dialogue} ${compact ? styles.dialogueCompact : ""}`} aria-label="Dialogue" data-testid="dialogue">
      {impression.history.map((turn, i) => (
        <li key={i} className={turn.role === "USER" ? styles.bubbleUser : styles.bubbleAssistant} data-role={turn.role}>
          <span className={styles.speaker}>{turn.role === "USER" ? "User" : "Assistant"} · earlier turn</span>
          {turn.content}
        </li>
      ))}
      <li className={`${styles.bubbleUser} ${styles.current}`} data-role="USER" data-testid="user-query">
        <span className={styles.speaker}>User query</span>
        {impression.userQuery}
      </li>
      {impression.assistantResponse ? (
        <li className={`${styles.bubbleAssistant} ${styles.current}`} data-role="ASSISTANT" data-testid="assistant-response">
          <span className={styles.speaker}>Assistant response</span>
          {impression.assistantResponse}
        </li>
      ) : (
        <li className={styles.noResponse}>no assistant response logged</li>
      )}
    </ol>
  );
}

const RESOLUTION: Record<LoggedSuggestionView["resolution"], string> = {
  LOGGED: "logged toolId",
  MATCHER: "tool matcher",
  NONE: "general",
};

function ToolBadge({ s }: { s: LoggedSuggestionView }) {
  if (!s.tool || !s.resolvedToolId) {
    return (
      <span className={`${styles.toolBadge} ${styles.toolNone}`} title={s.loggedToolId ? `logged ${s.loggedToolId}, not an enabled tool` : "not tool-invoking"}>
        {s.loggedToolId ? `${s.loggedToolId} (not enabled)` : "general query"}
      </span>
    );
  }
  return (
    <Link
      href={`/tools/${encodeURIComponent(s.resolvedToolId)}`}
      className={styles.toolBadge}
      title={`${s.tool.name} (${s.tool.category.name}) · resolved by ${RESOLUTION[s.resolution]}${s.loggedToolId && s.loggedToolId !== s.resolvedToolId ? ` (logged ${s.loggedToolId})` : ""}`}
      data-testid="tool-badge"
    >
      <span className={styles.toolIcon} aria-hidden>
        ⚙
      </span>
      {s.tool.name}
      <span className={styles.resolution}>{s.resolution === "MATCHER" ? "matched" : "logged"}</span>
    </Link>
  );
}

/** The K suggestions in generated order; exposed ones solid, unexposed dashed; clicks marked. */
export function SuggestionChips({ suggestions, layout = "list" }: { suggestions: LoggedSuggestionView[]; layout?: "list" | "chips" }) {
  return (
    <ol className={layout === "chips" ? styles.chips : styles.suggestionList} aria-label="Suggestions" data-testid="suggestions">
      {suggestions.map((s) => (
        <li
          key={s.position}
          className={`${styles.chip} ${s.exposed ? "" : styles.chipHidden} ${s.clicked ? styles.chipClicked : ""} ${s.isToolInvoking ? styles.chipTool : ""}`}
          data-position={s.position}
          data-exposed={s.exposed}
          data-clicked={s.clicked}
          data-tool-id={s.resolvedToolId ?? ""}
        >
          <span className={styles.chipText}>{s.text}</span>
          <span className={styles.chipMeta}>
            <ToolBadge s={s} />
            {s.clicked ? (
              <span className={styles.clickMark} title="exposed and clicked">
                ✓ clicked
              </span>
            ) : s.exposed ? (
              <span className={styles.shownMark} title="shown to the user, not clicked">
                shown
              </span>
            ) : (
              <span className={styles.hiddenMark} title="generated but not shown (not in Q′_r)">
                not shown
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** "3 of 5 shown · 1 clicked" */
export function suggestionSummary(suggestions: LoggedSuggestionView[]): string {
  const shown = suggestions.filter((s) => s.exposed).length;
  const clicked = suggestions.filter((s) => s.clicked).length;
  return `${shown} of ${suggestions.length} shown · ${clicked} clicked`;
}
