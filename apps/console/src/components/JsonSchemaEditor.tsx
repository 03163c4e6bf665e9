"use client";

import { parseParameters } from "@/lib/toolDraft";
import type { Json } from "@/lib/toolDraft";
import { FieldError } from "./FieldError";

interface Props {
  value: string;
  onChange: (next: string) => void;
  /** The API's message for "parameters", if any. */
  apiError?: string;
  disabled?: boolean;
}

type SchemaObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is SchemaObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeLabel(schema: SchemaObject): string {
  const t = schema.type;
  let label = Array.isArray(t) ? t.join(" | ") : typeof t === "string" ? t : "any";
  if (label === "array" && isObject(schema.items)) label = `${typeLabel(schema.items)}[]`;
  if (typeof schema.format === "string") label += ` (${schema.format})`;
  return label;
}

function constraints(schema: SchemaObject): string[] {
  const out: string[] = [];
  if (Array.isArray(schema.enum)) out.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (schema.const !== undefined) out.push(`= ${JSON.stringify(schema.const)}`);
  if (typeof schema.minimum === "number") out.push(`≥ ${schema.minimum}`);
  if (typeof schema.exclusiveMinimum === "number") out.push(`> ${schema.exclusiveMinimum}`);
  if (typeof schema.maximum === "number") out.push(`≤ ${schema.maximum}`);
  if (typeof schema.exclusiveMaximum === "number") out.push(`< ${schema.exclusiveMaximum}`);
  if (typeof schema.minLength === "number") out.push(`length ≥ ${schema.minLength}`);
  if (typeof schema.maxLength === "number") out.push(`length ≤ ${schema.maxLength}`);
  if (typeof schema.pattern === "string") out.push(`matches /${schema.pattern}/`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (isObject(schema.items) && Array.isArray(schema.items.enum)) {
    out.push(`items one of ${schema.items.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  }
  return out;
}

/** A rendered preview of a JSON Schema object's properties. */
export function SchemaPreview({ schema }: { schema: Json }) {
  if (schema === null) return <p className="muted small">No parameters: the tool runs without arguments.</p>;
  if (!isObject(schema)) return <p className="field-warn">A parameters schema must be a JSON object.</p>;
  const warnings: string[] = [];
  if (schema.type !== undefined && schema.type !== "object") warnings.push(`type is ${JSON.stringify(schema.type)}, expected "object"`);
  const properties = isObject(schema.properties) ? schema.properties : null;
  if (!properties) warnings.push("no \"properties\" object");
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
  for (const r of required) if (properties && !(r in properties)) warnings.push(`required "${r}" is not a property`);
  return (
    <div className="schema-preview" data-testid="schema-preview">
      {warnings.length > 0 && <p className="field-warn">Schema: {warnings.join("; ")}.</p>}
      {properties && Object.keys(properties).length > 0 ? (
        <table className="data compact">
          <thead>
            <tr>
              <th>Parameter</th>
              <th>Type</th>
              <th>Req.</th>
              <th>Description / constraints</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(properties).map(([name, prop]) => {
              const p = isObject(prop) ? prop : {};
              const notes = constraints(p);
              return (
                <tr key={name}>
                  <td className="mono">{name}</td>
                  <td className="mono small">{typeLabel(p)}</td>
                  <td>{required.has(name) ? "yes" : ""}</td>
                  <td>
                    {typeof p.description === "string" && <div>{p.description}</div>}
                    {notes.length > 0 && <div className="muted small">{notes.join(" · ")}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        properties && <p className="muted small">The schema declares no properties.</p>
      )}
    </div>
  );
}

const TEMPLATE = `{
  "type": "object",
  "properties": {
    "value": { "type": "integer", "minimum": 0, "maximum": 100, "description": "…" }
  },
  "required": ["value"]
}`;

export function JsonSchemaEditor({ value, onChange, apiError, disabled }: Props) {
  const parsed = parseParameters(value);
  const lines = Math.min(24, Math.max(6, value.split("\n").length + 1));
  return (
    <div className="json-editor">
      <div className="json-editor-grid">
        <div>
          <textarea
            className={`mono${!parsed.ok || apiError ? " invalid" : ""}`}
            spellCheck={false}
            rows={lines}
            value={value}
            disabled={disabled}
            aria-label="Parameters JSON Schema"
            aria-invalid={!parsed.ok || apiError ? true : undefined}
            aria-describedby="err-parameters"
            placeholder="Empty = no parameters (null)"
            onChange={(e) => onChange(e.target.value)}
          />
          <div className="json-editor-actions">
            {parsed.ok ? (
              <span className="ok-text small">{value.trim() === "" ? "null (no parameters)" : "Valid JSON"}</span>
            ) : (
              <span className="field-error small" role="alert" data-testid="json-parse-error">
                {parsed.error}
              </span>
            )}
            <span className="spacer" />
            <button
              type="button"
              className="btn small ghost"
              disabled={disabled || !parsed.ok || value.trim() === ""}
              onClick={() => parsed.ok && onChange(JSON.stringify(parsed.value, null, 2))}
            >
              Format
            </button>
            {value.trim() === "" && (
              <button type="button" className="btn small ghost" disabled={disabled} onClick={() => onChange(TEMPLATE)}>
                Insert template
              </button>
            )}
            {value.trim() !== "" && (
              <button type="button" className="btn small ghost" disabled={disabled} onClick={() => onChange("")}>
                Clear
              </button>
            )}
          </div>
        </div>
        <div>{parsed.ok ? <SchemaPreview schema={parsed.value} /> : <p className="muted small">Fix the JSON to see the preview.</p>}</div>
      </div>
      <FieldError id="err-parameters" message={apiError} />
    </div>
  );
}
