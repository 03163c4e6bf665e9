"use client";

import { useQuery } from "@tanstack/react-query";
import { gql } from "./graphql";
import { CATEGORY_OPTIONS_QUERY } from "./queries";
import type { ConsoleCategoryOptionsQuery } from "@/gql/graphql";

export type CategoryOption = ConsoleCategoryOptionsQuery["categories"][number];

/** Every category's id and name, for pickers; [] until loaded. */
export function useCategoryOptions(): CategoryOption[] {
  const query = useQuery({
    queryKey: ["category-options"],
    queryFn: () => gql(CATEGORY_OPTIONS_QUERY),
    staleTime: 5 * 60_000,
  });
  return query.data?.categories ?? [];
}
