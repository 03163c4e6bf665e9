"use client";

// Cursor pagination for the console's tables: a stack of `after` cursors that starts over
// when the filters change, and the Previous / Next bar under a table.

import { useState, type ReactNode } from "react";
import type { UrlState } from "@/lib/urlState";

/** The part of a connection's pageInfo a pager reads. */
interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface CursorPages {
  /** The `after` cursor of the page shown; null on the first page. */
  after: string | null;
  /** 0 on the first page. */
  pageIndex: number;
  next: (endCursor: string | null) => void;
  previous: () => void;
}

/**
 * The cursor stack of a paged query. `resetOn` is what the pages depend on (filters, order,
 * page size): when it changes (compared as JSON) paging starts again from the first page.
 */
export function useCursorPages(resetOn?: unknown): CursorPages {
  const key = JSON.stringify(resetOn ?? null);
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key, stack: [null] });
  const stack = state.key === key ? state.stack : [null];
  return {
    after: stack.at(-1) ?? null,
    pageIndex: stack.length - 1,
    next: (endCursor) => setState({ key, stack: [...stack, endCursor] }),
    previous: () => setState({ key, stack: stack.slice(0, -1) }),
  };
}

/**
 * The same cursor stack kept in the URL (`?after=c1,c2` is the third page), so a reload, a
 * shared link and Back return to the page that was shown. Cursors are opaque base64url
 * strings, which never contain a comma. Filters reset it by writing `after: null`.
 */
export function useUrlCursorPages(url: UrlState, param = "after"): CursorPages {
  const trail = (url.params.get(param) ?? "").split(",").filter(Boolean);
  return {
    after: trail.at(-1) ?? null,
    pageIndex: trail.length,
    next: (endCursor) => endCursor && url.set({ [param]: [...trail, endCursor].join(",") }),
    previous: () => url.set({ [param]: trail.slice(0, -1).join(",") || null }),
  };
}

export interface PagerLabels {
  previous: string;
  next: string;
  /** The position text, e.g. "Page 2 of 7". */
  page: (page: number, pages: number) => string;
}

export const PREVIOUS_NEXT: PagerLabels = { previous: "← Previous", next: "Next →", page: (p, n) => `Page ${p} of ${n}` };
export const NEWER_OLDER: PagerLabels = { previous: "← Newer", next: "Older →", page: PREVIOUS_NEXT.page };
export const ARROWS: PagerLabels = { previous: "←", next: "→", page: (p, n) => `${p} / ${n}` };

interface PagerProps {
  pages: CursorPages;
  pageInfo: PageInfo;
  /** With `pageSize`, gives the page count; without either, no position is shown. */
  totalCount?: number;
  pageSize?: number;
  labels?: PagerLabels;
  /** Shown instead of the page position. */
  status?: ReactNode;
  /** Next waits while this is true (e.g. while the shown rows are a previous query's). */
  holdNext?: boolean;
  /** After the buttons: a hint, a page-size control. */
  children?: ReactNode;
}

export function Pager({ pages, pageInfo, totalCount, pageSize, labels = PREVIOUS_NEXT, status, holdNext = false, children }: PagerProps) {
  const position =
    status ??
    (totalCount !== undefined && pageSize !== undefined && (
      <span className="small muted">{labels.page(pages.pageIndex + 1, Math.max(1, Math.ceil(totalCount / pageSize)))}</span>
    ));
  return (
    <div className="pager">
      <button type="button" className="btn small" disabled={pages.pageIndex === 0} onClick={pages.previous}>
        {labels.previous}
      </button>
      {position}
      <button
        type="button"
        className="btn small"
        disabled={!pageInfo.hasNextPage || !pageInfo.endCursor || holdNext}
        onClick={() => pages.next(pageInfo.endCursor)}
      >
        {labels.next}
      </button>
      {children}
    </div>
  );
}

/** The "Rows" page-size picker. */
export function PageSizeSelect({ sizes, value, onChange }: { sizes: readonly number[]; value: number; onChange: (size: number) => void }) {
  return (
    <label className="inline small">
      <span className="muted">Rows</span>
      <select aria-label="Rows per page" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {sizes.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
