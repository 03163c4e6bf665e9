"use client";

// Page state kept in the URL's query string, so a reload, a shared link and the browser's
// Back button all return to what was on screen. Writes go through the app router (push or
// replace, no scrolling), which keeps useSearchParams and the history in step.
//
// History: each deliberate change (a filter, a sort, a page) is its own entry, so Back undoes
// it. Changes that arrive as a stream (typing in a search box, dragging a slider) are one
// entry per burst: the first change pushes, the next ones to the same field replace it while
// they keep coming within BURST_MS of each other.

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useDebounced } from "./useDebounced";

const BURST_MS = 1500;

let lastBurst: { key: string; at: number; path: string } | null = null;
/** The last write still on its way through the router (`from` is the URL it started from). */
let pending: { path: string; from: string; to: string } | null = null;

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
  const router = useRouter();
  const params = useMemo(() => new URLSearchParams(search.toString()), [search]);
  const set = useCallback(
    (updates: ParamUpdates, options: SetParamsOptions = {}) => {
      // The live URL, not the render's copy, or the write the router has not applied yet:
      // two changes in quick succession must both land.
      const live = window.location.search;
      const base = pending && pending.path === pathname && pending.from === live ? pending.to : live;
      const next = withParams(base, updates);
      next.sort();
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      const current = new URLSearchParams(base);
      current.sort();
      if (current.toString() === qs && window.location.pathname === pathname) return;
      pending = { path: pathname, from: live, to: qs };
      const now = Date.now();
      const continuing =
        !!options.burst && lastBurst !== null && lastBurst.key === options.burst && lastBurst.path === pathname && now - lastBurst.at < BURST_MS;
      lastBurst = options.burst ? { key: options.burst, at: now, path: pathname } : null;
      if (options.replace || continuing) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [pathname, router],
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
 * State edited in place (a text box, a slider, a dialogue) and mirrored into URL parameters:
 * the component reads and writes local state at input speed; the URL follows once the state
 * has been still for `delayMs` (one history entry per burst), and a URL changed by Back or a
 * link flows back into the state. `encode` gives every parameter the state owns, null for a
 * default (no parameter).
 */
export function useUrlBackedState<T>(
  url: UrlState,
  burst: string,
  decode: (params: URLSearchParams) => T,
  encode: (value: T) => ParamUpdates,
  delayMs = 300,
): [T, (value: T) => void] {
  const key = (v: T) => JSON.stringify(encode(v));
  const fromUrl = key(decode(url.params));
  const [value, setValue] = useState<T>(() => decode(url.params));
  // What the URL holds, normalised (an equivalent URL is not rewritten).
  const written = useRef(fromUrl);
  const debounced = useDebounced(value, delayMs);
  useEffect(() => {
    const next = key(debounced);
    if (next !== written.current) {
      written.current = next;
      url.set(encode(debounced), { burst });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    if (fromUrl !== written.current) {
      written.current = fromUrl;
      setValue(decode(url.params));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromUrl]);
  return [value, setValue];
}

/** useUrlBackedState for one parameter. */
export function useUrlParamState<T>(url: UrlState, param: string, decode: (raw: string | null) => T, encode: (value: T) => string | null, delayMs = 300) {
  return useUrlBackedState(url, param, (p) => decode(p.get(param)), (v) => ({ [param]: encode(v) }), delayMs);
}
