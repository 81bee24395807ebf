import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const TRAININGS_PER_PAGE = 20;

export async function getTrainings(page: number, perPage = TRAININGS_PER_PAGE) {
  return unwrap(await api.GET("/api/v1/trainings", { params: { query: { page, per_page: perPage } } }));
}

/** 公開中の研修一覧 (one page). */
export function useTrainings(page: number) {
  return useQuery({
    queryKey: ["trainings", { page }],
    queryFn: () => getTrainings(page),
    placeholderData: keepPreviousData,
  });
}
