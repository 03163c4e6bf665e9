"use client";

// Page state kept in the URL's query string, so a reload, a shared link and the browser's
// Back button all return to what was on screen. Writes go through the History API (Next.js
// keeps useSearchParams in step with pushState/replaceState) and never reach the server.
//
// History: each deliberate change (a filter, a sort, a page) is its own entry, so Back undoes
// it. Changes that arrive as a stream (typing in a search box, dragging a slider) are one
// entry per burst: the first change pushes, the next ones to the same field replace it while
// they keep coming within BURST_MS of each other.

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useDebounced } from "./useDebounced";

const BURST_MS = 1500;

let lastBurst: { key: string; at: number; path: string } | null = null;

export type ParamUpdates = Record<string, string | null | undefined>;

export interface SetParamsOptions {
  /** Changes with the same burst key that follow each other closely share one history entry. */
  burst?: string;
  /** Replace the current entry instead of adding one (e.g. normalising a bad URL). */
  replace?: boolean;
}

/** `current` with `updates` applied: null and "" delete a parameter, undefined leaves it. */
export function withParams(current: string, updates: ParamUpdates): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(updates)) {
    if (value === undefined) continue;
    if (value === null || value === "") next.delete(key);
    else next.set(key, value);
  }
  return next;
}

export interface UrlState {
  params: URLSearchParams;
  /** Writes `updates` into the URL (a new history entry unless it is part of a burst). */
  set: (updates: ParamUpdates, options?: SetParamsOptions) => void;
}

export function useUrlState(): UrlState {
  const search = useSearchParams();
  const pathname = usePathname();
  const params = useMemo(() => new URLSearchParams(search.toString()), [search]);
  const set = useCallback(
    (updates: ParamUpdates, options: SetParamsOptions = {}) => {
      // The live URL, not the render's copy: two changes in one tick must both land.
      const next = withParams(window.location.search, updates);
      next.sort();
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      const current = new URLSearchParams(window.location.search);
      current.sort();
      if (current.toString() === qs && window.location.pathname === pathname) return;
      const now = Date.now();
      const continuing =
        !!options.burst && lastBurst !== null && lastBurst.key === options.burst && lastBurst.path === pathname && now - lastBurst.at < BURST_MS;
      lastBurst = options.burst ? { key: options.burst, at: now, path: pathname } : null;
      // null state: Next.js fills in its own and syncs useSearchParams (it skips states it made).
      if (options.replace || continuing) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );
  return { params, set };
}

/** A URL parameter as a number, or `fallback` when absent or not a finite number. */
export function numberParam(params: URLSearchParams, key: string, fallback: number): number {
  const raw = params.get(key);
  if (raw === null || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? n : fallback;
}

/** A URL parameter that must be one of `values`. */
export function enumParam<T extends string>(params: URLSearchParams, key: string, values: readonly T[], fallback: T): T;
export function enumParam<T extends string>(params: URLSearchParams, key: string, values: readonly T[], fallback: null): T | null;
export function enumParam<T extends string>(params: URLSearchParams, key: string, values: readonly T[], fallback: T | null): T | null {
  const raw = params.get(key);
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

/**
 * State edited in place (a text box, a dialogue) and mirrored into the URL parameter `key`:
 * the component reads and writes local state at typing speed; the URL follows once it has
 * been still for `delayMs` (one history entry per burst), and a URL changed by Back or a
 * link flows back into the state. `encode` returns null for the default (no parameter).
 */
export function useUrlBackedState<T>(
  url: UrlState,
  key: string,
  decode: (raw: string | null) => T,
  encode: (value: T) => string | null,
  delayMs = 300,
): [T, (value: T) => void] {
  const raw = url.params.get(key);
  const [value, setValue] = useState<T>(() => decode(raw));
  // What the URL holds for `value`, normalised (so an equivalent URL is not rewritten).
  const written = useRef<string | null | undefined>(undefined);
  if (written.current === undefined) written.current = encode(decode(raw));
  const debounced = useDebounced(value, delayMs);
  useEffect(() => {
    const next = encode(debounced);
    if (next !== written.current) {
      written.current = next;
      url.set({ [key]: next }, { burst: key });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    const normalised = encode(decode(raw));
    if (normalised !== written.current) {
      written.current = normalised;
      setValue(decode(raw));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [raw]);
  return [value, setValue];
}
