"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { PageSizeSelect, Pager, useUrlCursorPages } from "@/components/Pager";
import { asTri, TriSelect, triValue } from "@/components/TriSelect";
import { canEditTools, useViewer } from "@/components/ViewerContext";
import { gql } from "@/lib/graphql";
import { formatInt, formatPercentile } from "@/lib/format";
import { TOOLS_QUERY } from "@/lib/queries";
import type { SortDirection, ToolOrderField } from "@/lib/queries";
import { useCategoryOptions } from "@/lib/useCategoryOptions";
import { useDebounced } from "@/lib/useDebounced";
import { enumParam, useUrlState, type ParamUpdates } from "@/lib/urlState";

const PAGE_SIZES = [25, 50, 100] as const;
const SORT_FIELDS: { value: ToolOrderField; label: string }[] = [
  { value: "RELEVANCE", label: "Relevance" },
  { value: "INVOCATION_COUNT", label: "Invocation count" },
  { value: "NAME", label: "Name" },
  { value: "UPDATED_AT", label: "Last updated" },
];
const DEFAULT_DIRECTION: Record<ToolOrderField, SortDirection> = {
  RELEVANCE: "DESC",
  INVOCATION_COUNT: "DESC",
  NAME: "ASC",
  UPDATED_AT: "DESC",
};

const SORT_VALUES = SORT_FIELDS.map((f) => f.value);

/**
 * The tools table. Its whole state is in the URL (?q=&category=&enabled=&sort=&dir=&size=&after=),
 * so Back from a tool returns to the same page of the same list; every filter, sort or page
 * change is a history entry (a typing burst in the search box is one).
 */
export function ToolsTable() {
  const viewer = useViewer();
  const url = useUrlState();
  const { params } = url;

  const q = params.get("q") ?? "";
  const category = params.get("category") ?? "";
  const enabledParam = asTri(params.get("enabled"));
  // Relevance needs a search: without one it is not offered, and an old link asking for it
  // gets the default order rather than the API's error.
  const sortParam = enumParam(params, "sort", SORT_VALUES, null);
  const sort: ToolOrderField | null = sortParam === "RELEVANCE" && !q ? null : sortParam;
  const dir = enumParam<SortDirection>(params, "dir", ["ASC", "DESC"], null);
  const sizeParam = Number(params.get("size"));
  const pageSize = PAGE_SIZES.find((s) => s === sizeParam) ?? 50;

  /** A new filter, order or page size: back to the first page. */
  function setParams(updates: ParamUpdates, burst?: string) {
    url.set({ ...updates, after: null }, { burst });
  }

  // The search box is local state, written to the URL (and the query) once typing pauses.
  const [searchText, setSearchText] = useState(q);
  const debouncedSearch = useDebounced(searchText, 250);

  const pushedSearch = useRef(q);
  useEffect(() => {
    const value = debouncedSearch.trim();
    if (value !== q) {
      pushedSearch.current = value;
      setParams({ q: value || null, sort: !value && sortParam === "RELEVANCE" ? null : undefined }, "search");
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  // Back/forward navigation changes q without typing: mirror it into the box (but never
  // overwrite what the user is typing with the value we pushed ourselves).
  useEffect(() => {
    if (q !== pushedSearch.current) {
      pushedSearch.current = q;
      setSearchText(q);
    }
  }, [q]);

  const filter = useMemo(() => {
    const f: { search?: string; categoryId?: string; enabled?: boolean } = {};
    if (q) f.search = q;
    if (category) f.categoryId = category;
    const enabled = triValue(enabledParam);
    if (enabled !== undefined) f.enabled = enabled;
    return f;
  }, [q, category, enabledParam]);
  const orderBy = sort ? { field: sort, direction: dir ?? DEFAULT_DIRECTION[sort] } : undefined;

  // Cursor pagination in the URL; filter, order and size changes clear it (setParams).
  const pages = useUrlCursorPages(url);
  const { after } = pages;

  const tools = useQuery({
    queryKey: ["tools", filter, orderBy ?? null, pageSize, after],
    queryFn: () => gql(TOOLS_QUERY, { filter, first: pageSize, after, orderBy }),
    placeholderData: keepPreviousData,
  });
  const categories = useCategoryOptions();

  function sortBy(field: ToolOrderField) {
    if (sort === field) {
      const current = dir ?? DEFAULT_DIRECTION[field];
      setParams({ sort: field, dir: current === "ASC" ? "DESC" : "ASC" });
    } else {
      setParams({ sort: field, dir: null });
    }
  }

  function sortIndicator(field: ToolOrderField) {
    if (sort !== field) return null;
    return (dir ?? DEFAULT_DIRECTION[field]) === "ASC" ? " ▲" : " ▼";
  }

  const connection = tools.data?.tools;
  const firstRow = pages.pageIndex * pageSize + 1;

  return (
    <>
      <div className="page-head">
        <h1>Tools</h1>
        {connection && (
          <span className="muted" data-testid="tool-count">
            {formatInt(connection.totalCount)} {connection.totalCount === 1 ? "tool" : "tools"}
          </span>
        )}
        <div className="spacer" />
        {canEditTools(viewer.role) && (
          <Link href="/tools/new" className="btn primary">
            New tool
          </Link>
        )}
      </div>

      {params.get("deleted") && (
        <div className="notice ok" role="status">
          Deleted <code>{params.get("deleted")}</code>.{" "}
          <button type="button" className="btn small ghost" onClick={() => url.set({ deleted: null }, { replace: true })}>
            Dismiss
          </button>
        </div>
      )}

      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search name, query, utterances…"
          aria-label="Search tools"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
        />
        <select
          aria-label="Category"
          value={category}
          onChange={(e) => setParams({ category: e.target.value || null })}
        >
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <TriSelect
          label="Enabled"
          value={enabledParam}
          onChange={(v) => setParams({ enabled: v || null })}
          options={["Enabled and disabled", "Enabled only", "Disabled only"]}
        />
        <label className="inline">
          <span className="muted">Sort</span>
          <select
            aria-label="Sort by"
            value={sort ?? ""}
            onChange={(e) => setParams({ sort: e.target.value || null, dir: null })}
          >
            <option value="">{q ? "Default (relevance)" : "Default (most invoked)"}</option>
            {SORT_FIELDS.filter((f) => f.value !== "RELEVANCE" || q).map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {sort && (
          <button
            type="button"
            className="btn small"
            onClick={() => sortBy(sort)}
            aria-label="Toggle sort direction"
            title="Toggle sort direction"
          >
            {(dir ?? DEFAULT_DIRECTION[sort]) === "ASC" ? "▲ Asc" : "▼ Desc"}
          </button>
        )}
        {tools.isFetching && <span className="spinner" aria-label="Loading" />}
      </div>

      {tools.isError && <ErrorNotice action="load tools" error={tools.error} onRetry={() => void tools.refetch()} />}

      <div className={`table-wrap${tools.isPlaceholderData ? " stale" : ""}`}>
        <table className="data tools-table">
          <thead>
            <tr>
              <th>
                <button type="button" className="th-sort" onClick={() => sortBy("NAME")}>
                  Name{sortIndicator("NAME")}
                </button>
              </th>
              <th>Category</th>
              <th>Canonical query</th>
              <th className="num">
                <button type="button" className="th-sort" onClick={() => sortBy("INVOCATION_COUNT")}>
                  Invocations{sortIndicator("INVOCATION_COUNT")}
                </button>
              </th>
              <th className="num" title="Frequency percentile p among enabled tools (0–100)">
                Freq. pct.
              </th>
              <th>Enabled</th>
            </tr>
          </thead>
          <tbody>
            {connection?.edges.map(({ node }) => (
              <tr key={node.id} className={node.enabled ? undefined : "disabled-row"}>
                <td>
                  <Link href={`/tools/${encodeURIComponent(node.id)}`} className="strong">
                    {node.name}
                  </Link>
                  <div className="mono small muted tool-id">{node.id}</div>
                </td>
                <td>
                  <Link href={`/tools?category=${encodeURIComponent(node.category.id)}`} className="tag">
                    {node.category.name}
                  </Link>
                </td>
                <td>{node.canonicalQuery}</td>
                <td className="num">{formatInt(node.invocationCount)}</td>
                <td className="num">
                  <span className="pct">
                    <span className="pct-bar" style={{ width: `${Math.round(node.frequencyPercentile * 100)}%` }} />
                    <span className="pct-text">{formatPercentile(node.frequencyPercentile)}</span>
                  </span>
                </td>
                <td>{node.enabled ? <span className="badge ok">yes</span> : <span className="badge off">no</span>}</td>
              </tr>
            ))}
            {connection && connection.edges.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  No tools match{q ? ` “${q}”` : ""}.
                </td>
              </tr>
            )}
            {!connection && tools.isPending && (
              <tr>
                <td colSpan={6} className="empty">
                  Loading tools…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      {connection && (
        <Pager
          pages={pages}
          pageInfo={connection.pageInfo}
          holdNext={tools.isPlaceholderData}
          status={
            <span className="muted">
              {connection.edges.length === 0
                ? "No rows"
                : `${formatInt(firstRow)}–${formatInt(firstRow + connection.edges.length - 1)} of ${formatInt(connection.totalCount)}`}
            </span>
          }
        >
          <PageSizeSelect sizes={PAGE_SIZES} value={pageSize} onChange={(size) => setParams({ size: String(size) })} />
        </Pager>
      )}
    </>
  );
}
