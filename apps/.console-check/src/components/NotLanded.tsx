import type { ReactNode } from "react";

/** Placeholder for a page whose feature has not landed yet. */
export function NotLanded({ title, issue, children }: { title: string; issue: string; children?: ReactNode }) {
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <div className="notice info" role="status">
        <strong>Not available yet.</strong> This page arrives with {issue}. The route exists so links and
        bookmarks keep working.
      </div>
      {children && <div className="muted prose">{children}</div>}
    </>
  );
}
