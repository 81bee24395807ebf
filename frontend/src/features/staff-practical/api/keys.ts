import type { QueryClient } from "@tanstack/react-query";

/** Query keys of the selection: one training's list, and one application. */
export const practicalKeys = {
  all: ["admin", "practical"] as const,
  selection: (trainingId: number) => ["admin", "practical", trainingId] as const,
  application: (id: number) => ["admin", "practical", "application", id] as const,
};

/** Any staff step changes the order, the loads and the states: read them again. */
export function invalidateSelection(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: practicalKeys.all });
}
