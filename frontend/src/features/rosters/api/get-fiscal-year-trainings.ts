import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { rosterKeys } from "./keys";

export async function getFiscalYearTrainings(fiscalYear: number) {
  return unwrap(await api.GET("/api/v1/rosters/trainings", { params: { query: { fiscal_year: fiscalYear } } }));
}

/** The trainings held in a fiscal year, in the order held. */
export function useFiscalYearTrainings(fiscalYear: number) {
  return useQuery({
    queryKey: rosterKeys.trainings(fiscalYear),
    queryFn: () => getFiscalYearTrainings(fiscalYear),
  });
}
