import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE } from "@/lib/config";
import { fetchViewer } from "@/lib/server-api";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = typeof params.next === "string" && params.next.startsWith("/") && !params.next.startsWith("//")
    ? params.next
    : "/tools";
  const expired = params.expired === "1";
  // Already signed in with a key the API still accepts: straight to the console.
  const apiKey = (await cookies()).get(SESSION_COOKIE)?.value;
  if (apiKey && !expired && (await fetchViewer(apiKey)).ok) redirect(next);
  return (
    <main className="signin">
      <div className="signin-card">
        <h1>
          <span className="brand-mark">◆</span> ToolRec console
        </h1>
        <p className="muted">Sign in with an API key. It is kept in an httpOnly cookie and sent only to the ToolRec API.</p>
        {expired && <p className="notice warn">Your session ended or the key was revoked. Sign in again.</p>}
        <SignInForm next={next} />
      </div>
    </main>
  );
}
