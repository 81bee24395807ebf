import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { components } from "@/lib/api/schema";

export type StaffAccount = components["schemas"]["StaffAccountView"];
export type NewStaffAccount = components["schemas"]["NewStaffAccount"];
export type Role = components["schemas"]["Role"];

export const accountsQueryKey = ["admin", "staff-users"] as const;

/** 事務局アカウントの一覧（管理者のみ）. */
export function useStaffAccounts() {
  return useQuery({
    queryKey: accountsQueryKey,
    queryFn: async () => unwrap(await api.GET("/api/v1/admin/staff-users")),
  });
}

function useAccountMutation<T, R = unknown>(run: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}

export function useCreateStaffAccount() {
  return useAccountMutation(
    async (body: NewStaffAccount): Promise<StaffAccount> =>
      unwrap(await api.POST("/api/v1/admin/staff-users", { body })) as StaffAccount,
  );
}

export function useChangeRole() {
  return useAccountMutation(async ({ id, role }: { id: number; role: Role }) =>
    unwrap(await api.POST("/api/v1/admin/staff-users/{id}/role", { params: { path: { id } }, body: { role } })),
  );
}

export function useSetDisabled() {
  return useAccountMutation(async ({ id, disabled }: { id: number; disabled: boolean }) =>
    disabled
      ? unwrap(await api.POST("/api/v1/admin/staff-users/{id}/disable", { params: { path: { id } } }))
      : unwrap(await api.POST("/api/v1/admin/staff-users/{id}/enable", { params: { path: { id } } })),
  );
}

export function useResetPassword() {
  return useAccountMutation(async ({ id, password }: { id: number; password: string }) =>
    unwrap(await api.POST("/api/v1/admin/staff-users/{id}/password", { params: { path: { id } }, body: { password } })),
  );
}

/** How each role is shown. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理者",
  staff: "事務局",
  prefecture: "北海道（閲覧のみ）",
};
