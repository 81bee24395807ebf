import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { ApplicationStatus } from "@/lib/api/types";

export const APPLICATIONS_PER_PAGE = 50;

export async function getApplications(trainingId: number, page: number, status?: ApplicationStatus, q?: string) {
  return unwrap(
    await api.GET("/api/v1/admin/trainings/{id}/applications", {
      params: { path: { id: trainingId }, query: { page, per_page: APPLICATIONS_PER_PAGE, status, q: q || undefined } },
    }),
  );
}

/** 申込者一覧 of one training (one page, optionally one status, optionally searched). */
export function useApplications(trainingId: number, page: number, status?: ApplicationStatus, q?: string) {
  return useQuery({
    queryKey: ["admin", "trainings", trainingId, "applications", { page, status, q }],
    queryFn: () => getApplications(trainingId, page, status, q),
    placeholderData: keepPreviousData,
    enabled: Number.isInteger(trainingId) && trainingId > 0,
  });
}
