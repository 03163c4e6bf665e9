import type { Metadata } from "next";
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
