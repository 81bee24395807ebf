import type { QueryClient } from "@tanstack/react-query";
import type { components } from "@/lib/api/schema";

export type ZoomCheckList = components["schemas"]["ZoomCheckList"];
export type ZoomParticipant = components["schemas"]["ZoomParticipant"];
export type ZoomTicks = components["schemas"]["ZoomTicks"];
export type ZoomTick = ZoomTicks["items"][number];

/** Query key of one training's Zoom grid. */
export const zoomKeys = {
  grid: (trainingId: number) => ["admin", "zoom-checks", trainingId] as const,
};

/** Every step answers with the whole grid: store it as the query's data. */
export function storeGrid(queryClient: QueryClient, trainingId: number, list: ZoomCheckList) {
  queryClient.setQueryData(zoomKeys.grid(trainingId), list);
}
