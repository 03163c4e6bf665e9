"use client";

import { FieldError } from "./FieldError";

interface Props {
  utterances: string[];
  /** The API field the list is ("utterances" unless given), e.g. "situations". */
  field?: string;
  /** What one entry is called in labels ("Utterance" unless given). */
  noun?: string;
  onChange: (next: string[]) => void;
  /** "<field>" and "<field>[i]" errors from the API. */
  errors: Record<string, string>;
  disabled?: boolean;
}

export function UtterancesEditor({ utterances, field = "utterances", noun = "Utterance", onChange, errors, disabled }: Props) {
  function setAt(index: number, value: string) {
    onChange(utterances.map((u, i) => (i === index ? value : u)));
  }
  function removeAt(index: number) {
    onChange(utterances.filter((_, i) => i !== index));
  }
  return (
    <div className="utterances" data-testid={field}>
      <ol className="utterance-list">
        {utterances.map((utterance, index) => {
          const key = `${field}[${index}]`;
          const error = errors[key];
          return (
            <li key={index} className={error ? "has-error" : undefined}>
              <div className="utterance-row">
                <span className="utterance-index muted">{index + 1}</span>
                <input
                  type="text"
                  value={utterance}
                  aria-label={`${noun} ${index + 1}`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `err-${key}` : undefined}
                  disabled={disabled}
                  onChange={(e) => setAt(index, e.target.value)}
                />
                <button
                  type="button"
                  className="btn small ghost"
                  aria-label={`Remove ${noun.toLowerCase()} ${index + 1}`}
                  title="Remove"
                  disabled={disabled}
                  onClick={() => removeAt(index)}
                >
                  ✕
                </button>
              </div>
              <FieldError id={`err-${key}`} message={error} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn small" disabled={disabled} onClick={() => onChange([...utterances, ""])}>
        + Add {noun.toLowerCase()}
      </button>
    </div>
  );
}
