"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/tools", label: "Tools" },
  { href: "/categories", label: "Categories" },
  { href: "/retrieval", label: "Retrieval" },
  { href: "/calibration", label: "Calibration" },
  { href: "/runs", label: "Runs" },
  { href: "/models", label: "Models", engineer: true },
  { href: "/playground", label: "Playground", engineer: true },
  { href: "/offline-experiments", label: "Offline experiments", engineer: true },
  { href: "/case-studies", label: "Case studies" },
] as { href: string; label: string; engineer?: boolean }[];

/** Models, Playground and Offline experiments are for ENGINEER and ADMIN keys (the API enforces it too); API keys for ADMIN. */
export function Nav({ role }: { role: string | null }) {
  const pathname = usePathname();
  const isAdmin = role === "ADMIN";
  const engineer = role === "ENGINEER" || isAdmin;
  const items = [...ITEMS.filter((item) => !item.engineer || engineer), ...(isAdmin ? [{ href: "/keys", label: "API keys" }] : [])];
  return (
    <nav className="nav" aria-label="Main">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={item.href} className={active ? "active" : undefined} aria-current={active ? "page" : undefined}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
