"use client";

// The inspector's controls: alpha, gamma, k (slider + number), mu mode and value, s (auto or
// fixed), the user-side toggle, the system-side mode and the time window. Values outside the
// API's ranges are still sent, so the API's BAD_USER_INPUT message appears next to the field.

import { useEffect, useId, useState } from "react";
import { fromLocalInput, toLocalInput } from "./format";
import { VARIANTS, type CalibrationConfigInput, type SystemSideMode, type TimeWindow } from "./queries";
import type { WindowPreset, WindowState } from "./urlParams";
import styles from "./calibration.module.css";

interface NumberFieldProps {
  label: string;
  /** Accessible name of the number box (the slider gets "<name> slider"). */
  name: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (v: number) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

/** A slider and a number box bound to the same value; typing keeps partial input local. */
export function NumberField({ label, name, value, min, max, step, onChange, error, hint, disabled }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const parsed = text.trim() === "" ? NaN : Number(text);
  // The value changed from elsewhere (slider, preset, a dataset's config): show it.
  useEffect(() => {
    setText((current) => (Number(current) === value && current.trim() !== "" ? current : String(value)));
  }, [value]);
  const localError = Number.isFinite(parsed) ? undefined : "Enter a number";
  const shown = localError ?? error;
  return (
    <div className={styles.control}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className={styles.sliderRow}>
        <input
          type="range"
          aria-label={`${name} slider`}
          min={min}
          max={max}
          step={step}
          value={Math.min(max, Math.max(min, value))}
          disabled={disabled}
          onChange={(e) => {
            setText(e.target.value);
            onChange(Number(e.target.value));
          }}
        />
        <input
          id={id}
          type="number"
          className={`num ${styles.numBox}`}
          aria-label={name}
          step={step}
          value={text}
          disabled={disabled}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            const v = e.target.value.trim() === "" ? NaN : Number(e.target.value);
            if (Number.isFinite(v)) onChange(v);
          }}
        />
      </div>
      {shown ? <p className="field-error">{shown}</p> : hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

function presetWindow(preset: WindowPreset, current: TimeWindow): TimeWindow {
  if (preset === "all") return { from: null, to: null };
  if (preset === "custom") return current;
  // Whole minutes, so a re-render does not move the window (and refetch).
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  return { from: new Date(now - Number(preset) * 86_400_000).toISOString(), to: null };
}

interface Props {
  config: CalibrationConfigInput;
  /** The API's defaults (calibrationDefaults): what "Reset" goes back to. */
  defaults: CalibrationConfigInput;
  onConfig: (next: CalibrationConfigInput) => void;
  windowState: WindowState;
  onWindow: (next: WindowState) => void;
  /** BAD_USER_INPUT messages keyed by field ("config.alpha" → "alpha", "from", …). */
  errors: Record<string, string>;
  /** The mu and s the API resolved for this window (shown beside "upper quartile" / "auto"). */
  resolved: { mu: number; s: number } | null;
}

export function ConfigControls({ config, defaults, onConfig, windowState, onWindow, errors, resolved }: Props) {
  const set = <K extends keyof CalibrationConfigInput>(key: K, v: CalibrationConfigInput[K]) => onConfig({ ...config, [key]: v });
  const sAuto = config.s === null;
  const [sFixed, setSFixed] = useState(0.1);
  const activeVariant = VARIANTS.find((v) => v.userSide === config.userSide && v.systemSide === config.systemSide);

  return (
    <div className={styles.controls} data-testid="calibration-controls">
      <fieldset className={styles.fieldset}>
        <legend>Window</legend>
        <select
          aria-label="Time window"
          value={windowState.preset}
          onChange={(e) => {
            const preset = e.target.value as WindowPreset;
            onWindow({ preset, window: presetWindow(preset, windowState.window) });
          }}
        >
          <option value="all">All impressions</option>
          <option value="7">Last 7 days</option>
          <option value="14">Last 14 days</option>
          <option value="28">Last 28 days</option>
          <option value="custom">Custom…</option>
        </select>
        {windowState.preset === "custom" && (
          <div className={styles.windowInputs}>
            <label className="small">
              From (inclusive)
              <input
                type="datetime-local"
                aria-label="Window from"
                value={toLocalInput(windowState.window.from)}
                onChange={(e) => onWindow({ preset: "custom", window: { ...windowState.window, from: fromLocalInput(e.target.value) } })}
              />
            </label>
            <label className="small">
              To (exclusive)
              <input
                type="datetime-local"
                aria-label="Window to"
                value={toLocalInput(windowState.window.to)}
                onChange={(e) => onWindow({ preset: "custom", window: { ...windowState.window, to: fromLocalInput(e.target.value) } })}
              />
            </label>
          </div>
        )}
        {(errors.from || errors.to || errors.window) && <p className="field-error">{errors.from ?? errors.to ?? errors.window}</p>}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Variant (Table 2)</legend>
        <div className={styles.variants} role="group" aria-label="Table 2 variants">
          {VARIANTS.map((v) => (
            <button
              key={v.label}
              type="button"
              title={v.title}
              className={`btn small ${activeVariant === v ? "primary" : ""}`}
              aria-pressed={activeVariant === v}
              onClick={() => onConfig({ ...config, userSide: v.userSide, systemSide: v.systemSide })}
            >
              {v.label}
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>
          <label className="switch">
            <input type="checkbox" checked={config.userSide} onChange={(e) => set("userSide", e.target.checked)} aria-label="User side" />
            User side (Eq. 6)
          </label>
        </legend>
        <NumberField label="α (alpha)" name="alpha" value={config.alpha} min={0} max={1} step={0.01} onChange={(v) => set("alpha", v)} error={errors.alpha} hint="0 … 1; wU = 1 ∓ α·t" disabled={!config.userSide} />
        <div className={styles.control}>
          <span className="field-label">μ (mu)</span>
          <div className={styles.radioRow} role="radiogroup" aria-label="mu mode">
            <label className="inline">
              <input type="radio" name="muMode" checked={config.muMode === "FIXED"} onChange={() => set("muMode", "FIXED")} disabled={!config.userSide} /> fixed
            </label>
            <label className="inline">
              <input type="radio" name="muMode" checked={config.muMode === "UPPER_QUARTILE"} onChange={() => set("muMode", "UPPER_QUARTILE")} disabled={!config.userSide} /> upper quartile
              {config.muMode === "UPPER_QUARTILE" && resolved && <span className="small muted"> = {resolved.mu.toFixed(4)}</span>}
            </label>
            {errors.muMode && <p className="field-error">{errors.muMode}</p>}
          </div>
        </div>
        {config.muMode === "FIXED" && (
          <NumberField label="μ value" name="mu" value={config.mu} min={0} max={1} step={0.005} onChange={(v) => set("mu", v)} error={errors.mu} hint={`0 … 1; the paper uses ${defaults.mu}`} disabled={!config.userSide} />
        )}
        <div className={styles.control}>
          <span className="field-label">s</span>
          <div className={styles.radioRow} role="radiogroup" aria-label="s mode">
            <label className="inline">
              <input type="radio" name="sMode" checked={sAuto} onChange={() => set("s", null)} disabled={!config.userSide} /> auto (std of per-user uctr)
              {sAuto && resolved && <span className="small muted"> = {resolved.s.toFixed(4)}</span>}
            </label>
            <label className="inline">
              <input type="radio" name="sMode" checked={!sAuto} onChange={() => set("s", resolved && resolved.s > 0 ? Number(resolved.s.toFixed(4)) : sFixed)} disabled={!config.userSide} /> fixed
            </label>
          </div>
          {sAuto && errors.s && <p className="field-error">{errors.s}</p>}
        </div>
        {!sAuto && (
          <NumberField
            label="s value"
            name="s"
            value={config.s ?? sFixed}
            min={0}
            max={1}
            step={0.005}
            onChange={(v) => {
              setSFixed(v);
              set("s", v);
            }}
            error={errors.s}
            hint="≥ 0; s = 0 gives wU = 1"
            disabled={!config.userSide}
          />
        )}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>System side (Eq. 7)</legend>
        <div className={styles.segmented} role="radiogroup" aria-label="System side">
          {(["OFF", "STATIC", "DYNAMIC"] as SystemSideMode[]).map((m) => (
            <label key={m} className={config.systemSide === m ? styles.segOn : undefined}>
              <input type="radio" name="systemSide" value={m} checked={config.systemSide === m} onChange={() => set("systemSide", m)} />
              {m}
            </label>
          ))}
        </div>
        {errors.systemSide && <p className="field-error">{errors.systemSide}</p>}
        <NumberField label="γ (gamma)" name="gamma" value={config.gamma} min={0} max={5} step={0.05} onChange={(v) => set("gamma", v)} error={errors.gamma} hint="≥ 0; the boost is (1+γ)^(p^k), or 1+γ for STATIC" disabled={config.systemSide === "OFF"} />
        <NumberField label="k" name="k" value={config.k} min={0.1} max={10} step={0.1} onChange={(v) => set("k", v)} error={errors.k} hint="> 0; larger k favours only the most frequent tools" disabled={config.systemSide !== "DYNAMIC"} />
      </fieldset>

      <button type="button" className="btn small" onClick={() => onConfig(defaults)}>
        Reset to the paper&apos;s defaults
      </button>
    </div>
  );
}
