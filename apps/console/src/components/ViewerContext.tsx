"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ApiRole, Viewer } from "@/lib/queries";

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside ViewerProvider");
  return viewer;
}

/** Roles allowed to edit tools and categories (the API enforces this too). */
export function canEditTools(role: ApiRole): boolean {
  return role === "ADMIN" || role === "CURATOR";
}
