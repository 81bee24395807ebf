import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const ADMIN_TRAININGS_PER_PAGE = 50;

export async function getAdminTrainings(page: number, perPage = ADMIN_TRAININGS_PER_PAGE) {
  return unwrap(
    await api.GET("/api/v1/admin/trainings", { params: { query: { page, per_page: perPage } } }),
  );
}

/** 事務局の研修一覧 (every status). */
export function useAdminTrainings(page: number) {
  return useQuery({
    queryKey: ["admin", "trainings", { page }],
    queryFn: () => getAdminTrainings(page),
    placeholderData: keepPreviousData,
  });
}
