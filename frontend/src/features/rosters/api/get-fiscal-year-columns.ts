import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { AcrossRosterKind } from "../columns";
import { rosterKeys } from "./keys";

export async function getFiscalYearColumns(kind: AcrossRosterKind) {
  return unwrap(await api.GET("/api/v1/rosters/columns", { params: { query: { kind } } }));
}

/** The columns of a roster across a fiscal year's trainings. */
export function useFiscalYearColumns(kind: AcrossRosterKind) {
  return useQuery({ queryKey: rosterKeys.fiscalYearColumns(kind), queryFn: () => getFiscalYearColumns(kind) });
}
