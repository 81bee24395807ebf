import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function getTraining(id: number) {
  return unwrap(await api.GET("/api/v1/trainings/{id}", { params: { path: { id } } }));
}

/** 研修の詳細. */
export function useTraining(id: number) {
  return useQuery({
    queryKey: ["trainings", id],
    queryFn: () => getTraining(id),
    enabled: Number.isInteger(id) && id > 0,
  });
}
