// A yes / no / either filter as a select whose values are "", "true" and "false".

export type Tri = "" | "true" | "false";

/** The filter value: undefined for either. */
export function triValue(v: Tri): boolean | undefined {
  return v === "" ? undefined : v === "true";
}

/** A URL parameter read as a Tri (anything else is either). */
export function asTri(v: string | null): Tri {
  return v === "true" || v === "false" ? v : "";
}

interface Props {
  /** The select's accessible name. */
  label: string;
  value: Tri;
  onChange: (value: Tri) => void;
  /** The option texts for either, yes and no. */
  options: readonly [either: string, yes: string, no: string];
}

export function TriSelect({ label, value, onChange, options: [either, yes, no] }: Props) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Tri)}>
      <option value="">{either}</option>
      <option value="true">{yes}</option>
      <option value="false">{no}</option>
    </select>
  );
}

/** The tool-invoking filter of the sample table and the impression browser. */
export const TOOL_INVOKING_OPTIONS = ["Tool-invoking or not", "Tool-invoking", "Not tool-invoking"] as const;
