"use client";

// Unsaved edits survive leaving by accident. While a guard is active, every way out of the
// page asks first: a reload or a typed URL (beforeunload), a click on any in-app link (the nav,
// breadcrumbs, a category tag), the browser's Back and Forward buttons (where the browser
// lets a page cancel them: a user's press, through the Navigation API), and the console's own
// router pushes (confirmLeave()).

import { useEffect } from "react";

const guards = new Set<string>();

/** Asks before leaving while any guard is active; true when leaving may go ahead. */
export function confirmLeave(): boolean {
  const [message] = guards;
  return message === undefined || window.confirm(message);
}

function isInAppLink(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.("a[href]");
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const to = new URL(anchor.href, window.location.href);
  if (to.origin !== window.location.origin) return null;
  // Same page, another fragment: nothing is left.
  if (to.pathname === window.location.pathname && to.search === window.location.search) return null;
  return anchor;
}

/** While `active`, leaving the page asks `message` first. */
export function useLeaveGuard(active: boolean, message: string): void {
  useEffect(() => {
    if (!active) return;
    guards.add(message);

    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    // Capture on the document runs before Next.js's <Link> handler: a refusal stops it.
    const onClick = (e: MouseEvent) => {
      if (!isInAppLink(e) || confirmLeave()) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    // Back / Forward within the app never reach a popstate listener: the router handles the
    // traversal through the Navigation API first. Where the browser lets a traversal be
    // cancelled (a user's Back), a refusal cancels it.
    const navigation = (window as { navigation?: EventTarget }).navigation;
    const onNavigate = (e: Event) => {
      const nav = e as Event & { navigationType?: string; cancelable: boolean };
      if (nav.navigationType !== "traverse" || !nav.cancelable || confirmLeave()) return;
      e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    navigation?.addEventListener("navigate", onNavigate);
    return () => {
      guards.delete(message);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      navigation?.removeEventListener("navigate", onNavigate);
    };
  }, [active, message]);
}
