import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function getAdminTraining(id: number) {
  return unwrap(await api.GET("/api/v1/admin/trainings/{id}", { params: { path: { id } } }));
}

export function useAdminTraining(id: number) {
  return useQuery({
    queryKey: ["admin", "trainings", id],
    queryFn: () => getAdminTraining(id),
    enabled: Number.isInteger(id) && id > 0,
  });
}
