import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { RosterKind } from "../columns";
import { rosterKeys } from "./keys";

export async function getRosterColumns(trainingId: number, kind: RosterKind) {
  return unwrap(
    await api.GET("/api/v1/admin/trainings/{id}/rosters/{kind}/columns", {
      params: { path: { id: trainingId, kind } },
    }),
  );
}

/** A training's roster columns, in the default order, the defaults marked. */
export function useRosterColumns(trainingId: number, kind: RosterKind) {
  return useQuery({
    queryKey: rosterKeys.columns(trainingId, kind),
    queryFn: () => getRosterColumns(trainingId, kind),
    enabled: Number.isInteger(trainingId) && trainingId > 0,
  });
}
