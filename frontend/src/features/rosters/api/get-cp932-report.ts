import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { RosterKind } from "../columns";
import { rosterKeys } from "./keys";

export async function getCp932Report(trainingId: number, kind: RosterKind, columns: string) {
  return unwrap(
    await api.GET("/api/v1/admin/trainings/{id}/rosters/{kind}/cp932-report", {
      params: { path: { id: trainingId, kind }, query: { columns } },
    }),
  );
}

/** The characters a CP932 export of these columns would replace, with rows and columns. */
export function useCp932Report(trainingId: number, kind: RosterKind, columns: string) {
  return useQuery({
    queryKey: rosterKeys.cp932(trainingId, kind, columns),
    queryFn: () => getCp932Report(trainingId, kind, columns),
    enabled: columns !== "",
  });
}
