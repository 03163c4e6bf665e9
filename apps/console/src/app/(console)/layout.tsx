import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Nav } from "@/components/Nav";
import { ViewerProvider } from "@/components/ViewerContext";
import { SESSION_COOKIE } from "@/lib/config";
import { fetchViewer } from "@/lib/server-api";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const apiKey = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!apiKey) redirect("/sign-in");
  const result = await fetchViewer(apiKey);
  if (!result.ok && result.reason === "unauthenticated") redirect("/sign-in?expired=1");

  return (
    <div className="shell">
      <header className="topbar">
        <a href="/tools" className="brand">
          <span className="brand-mark">◆</span> ToolRec
        </a>
        <Nav role={result.ok ? result.viewer.role : null} />
        <div className="whoami">
          {result.ok && (
            <span className="viewer" data-testid="viewer">
              <span className="viewer-name" title={result.viewer.name}>
                {result.viewer.name}
              </span>
              <span className={`role role-${result.viewer.role.toLowerCase()}`}>{result.viewer.role}</span>
            </span>
          )}
          <form method="post" action="/api/session/sign-out">
            <button type="submit" className="btn small ghost">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main className="content">
        {result.ok ? (
          <ViewerProvider viewer={result.viewer}>{children}</ViewerProvider>
        ) : (
          <div className="notice error" role="alert">
            <strong>The console cannot load your session.</strong> {result.message}
          </div>
        )}
      </main>
    </div>
  );
}
