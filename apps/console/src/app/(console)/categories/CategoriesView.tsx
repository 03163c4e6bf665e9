"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DeviationBar } from "@/components/DeviationBar";
import { ErrorNotice } from "@/components/ErrorNotice";
import { HistogramChart } from "@/components/HistogramChart";
import { formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { CATEGORIES_QUERY } from "@/lib/queries";

export function CategoriesView() {
  const query = useQuery({
    queryKey: ["categories", 12],
    queryFn: () =>
      gql(CATEGORIES_QUERY, { bins: 12 }),
  });

  if (query.isPending) return <p className="muted">Loading categories…</p>;
  if (query.isError)
    return <ErrorNotice action="load categories" error={query.error} onRetry={() => void query.refetch()} />;

  const { categories, invocationHistogram } = query.data;
  const totals = categories.reduce(
    (t, c) => ({
      tools: t.tools + c.toolCount,
      target: t.target + c.target,
      enabled: t.enabled + c.enabledToolCount,
      invocations: t.invocations + c.invocationTotal,
    }),
    { tools: 0, target: 0, enabled: 0, invocations: 0 },
  );
  const okCount = categories.filter((c) => c.target > 0 && Math.abs(c.toolCount - c.target) / c.target <= 0.2).length;

  return (
    <>
      <div className="page-head">
        <h1>Categories</h1>
        <span className="muted">
          {categories.length} categories · {formatInt(totals.tools)} tools of {formatInt(totals.target)} targeted ·{" "}
          {okCount}/{categories.length} within ±20% of target
        </span>
      </div>

      <div className="table-wrap">
        <table className="data categories-table" data-testid="categories">
          <thead>
            <tr>
              <th>Category</th>
              <th>Code</th>
              <th className="num">Tools</th>
              <th className="num">Target</th>
              <th>Deviation from target (±20% ok)</th>
              <th className="num">Enabled</th>
              <th className="num">Invocations</th>
              <th className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/tools?category=${encodeURIComponent(c.id)}`} className="strong">
                    {c.name}
                  </Link>
                  <div className="mono small muted">{c.id}</div>
                </td>
                <td className="mono small">{c.code}</td>
                <td className="num">{formatInt(c.toolCount)}</td>
                <td className="num muted">{formatInt(c.target)}</td>
                <td>
                  <DeviationBar count={c.toolCount} target={c.target} />
                </td>
                <td className="num">
                  {formatInt(c.enabledToolCount)}
                  {c.enabledToolCount < c.toolCount && (
                    <span className="muted small"> ({formatInt(c.toolCount - c.enabledToolCount)} off)</span>
                  )}
                </td>
                <td className="num">{formatInt(c.invocationTotal)}</td>
                <td className="num muted">
                  {totals.invocations > 0 ? `${((c.invocationTotal / totals.invocations) * 100).toFixed(1)}%` : "—"}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>Total</th>
              <th />
              <th className="num">{formatInt(totals.tools)}</th>
              <th className="num">{formatInt(totals.target)}</th>
              <th>
                <DeviationBar count={totals.tools} target={totals.target} />
              </th>
              <th className="num">{formatInt(totals.enabled)}</th>
              <th className="num">{formatInt(totals.invocations)}</th>
              <th />
            </tr>
          </tfoot>
        </table>
      </div>

      <section className="card chart-card">
        <h2>Frequency distribution</h2>
        <p className="muted small">
          Enabled tools by invocation count, in log-spaced bins (invocationHistogram). Each bar is one bin; hover for its
          range.
        </p>
        <HistogramChart bins={invocationHistogram} />
      </section>
    </>
  );
}
