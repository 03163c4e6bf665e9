"use client";

// After a refused save the first field with an error (or, if none, the form's error banner)
// may be far off-screen: scroll it to the middle of the view and put the cursor in it.

const INVALID = '[aria-invalid="true"], .has-error input, .has-error textarea, .has-error select';

export function focusFirstInvalid(form: HTMLElement | null, banner?: HTMLElement | null): void {
  const field = form?.querySelector<HTMLElement>(INVALID) ?? null;
  const target = field ?? banner ?? null;
  if (!target) return;
  target.scrollIntoView({ behavior: "smooth", block: "center" });
  if (!field && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}
