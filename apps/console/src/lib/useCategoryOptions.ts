"use client";

import { useQuery } from "@tanstack/react-query";
import { gql } from "./graphql";
import { CATEGORY_OPTIONS_QUERY } from "./queries";
import type { CategoryRef } from "./types";

/** Every category's id and name, for pickers; [] until loaded. */
export function useCategoryOptions(): CategoryRef[] {
  const query = useQuery({
    queryKey: ["category-options"],
    queryFn: () => gql<{ categories: CategoryRef[] }>(CATEGORY_OPTIONS_QUERY),
    staleTime: 5 * 60_000,
  });
  return query.data?.categories ?? [];
}
