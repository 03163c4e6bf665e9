"use client";

// The dialogue the retriever and the suggestion model see (shared by the Retrieval page and the
// Playground): earlier turns (oldest first, each with a role), the user's
// current query and the assistant's response.

import { SAMPLE_DIALOGUES, type DialogueTurn, type DialogueValue, type TurnRole } from "./dialogue";
import styles from "./dialogue.module.css";

interface Props {
  value: DialogueValue;
  onChange: (next: DialogueValue) => void;
  /** A BAD_USER_INPUT field from the API (e.g. "dialogue.userQuery") and its message. */
  error?: { field: string; message: string } | null;
}

export function DialogueEditor({ value, onChange, error }: Props) {
  const setTurn = (i: number, patch: Partial<DialogueTurn>) =>
    onChange({ ...value, history: value.history.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  const removeTurn = (i: number) => onChange({ ...value, history: value.history.filter((_, j) => j !== i) });
  const moveTurn = (i: number, by: -1 | 1) => {
    const next = [...value.history];
    const j = i + by;
    const a = next[i];
    const b = next[j];
    if (!a || !b) return;
    next[i] = b;
    next[j] = a;
    onChange({ ...value, history: next });
  };
  const addTurn = () => {
    const last = value.history.at(-1);
    const role: TurnRole = last?.role === "USER" ? "ASSISTANT" : "USER";
    onChange({ ...value, history: [...value.history, { role, content: "" }] });
  };
  const fieldError = (field: string) => (error && error.field === field ? error.message : null);
  const queryError = fieldError("dialogue.userQuery");

  return (
    <section className="card" aria-label="Dialogue">
      <div className="row" style={{ marginBottom: "0.6rem" }}>
        <h2 style={{ margin: 0 }}>Dialogue</h2>
        <div className="spacer" />
        <select
          aria-label="Load an example dialogue"
          value=""
          onChange={(e) => {
            const sample = SAMPLE_DIALOGUES[Number(e.target.value)];
            if (sample) onChange(structuredClone(sample.dialogue));
          }}
        >
          <option value="" disabled>
            Examples…
          </option>
          {SAMPLE_DIALOGUES.map((s, i) => (
            <option key={s.label} value={i}>
              {s.label}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <span className="field-label">Earlier turns (oldest first)</span>
        {value.history.length === 0 ? (
          <p className="field-hint">No earlier turns. Context from the conversation helps with follow-ups such as “yes, do that”.</p>
        ) : (
          <ol className={styles.turns} data-testid="history-turns">
            {value.history.map((turn, i) => (
              <li key={i} className={styles.turn}>
                <select aria-label={`Turn ${i + 1} role`} value={turn.role} onChange={(e) => setTurn(i, { role: e.target.value as TurnRole })}>
                  <option value="USER">User</option>
                  <option value="ASSISTANT">Assistant</option>
                </select>
                <textarea
                  aria-label={`Turn ${i + 1} text`}
                  rows={2}
                  value={turn.content}
                  onChange={(e) => setTurn(i, { content: e.target.value })}
                />
                <span className={styles.turnActions}>
                  <button type="button" className={styles.iconBtn} aria-label={`Move turn ${i + 1} up`} disabled={i === 0} onClick={() => moveTurn(i, -1)}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className={styles.iconBtn}
                    aria-label={`Move turn ${i + 1} down`}
                    disabled={i === value.history.length - 1}
                    onClick={() => moveTurn(i, 1)}
                  >
                    ↓
                  </button>
                  <button type="button" className={styles.iconBtn} aria-label={`Remove turn ${i + 1}`} onClick={() => removeTurn(i)}>
                    ✕
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
        <div>
          <button type="button" className="btn small" onClick={addTurn}>
            + Add turn
          </button>
        </div>
      </div>

      <label className="field">
        <span className="field-label">User query</span>
        <textarea
          rows={2}
          value={value.userQuery}
          aria-invalid={queryError ? true : undefined}
          onChange={(e) => onChange({ ...value, userQuery: e.target.value })}
          placeholder="e.g. my phone is so slow and storage is full"
        />
        {queryError && <p className="field-error">{queryError}</p>}
      </label>

      <label className="field">
        <span className="field-label">Assistant response</span>
        <textarea
          rows={3}
          value={value.assistantResponse}
          onChange={(e) => onChange({ ...value, assistantResponse: e.target.value })}
          placeholder="What the assistant answered (optional; weighs half as much as the query)"
        />
      </label>
      <p className="field-hint">
        Query weights: user query 1, assistant response 0.5, the latest earlier turn 0.5 (assistant turns half), halving per turn back.
      </p>
    </section>
  );
}
