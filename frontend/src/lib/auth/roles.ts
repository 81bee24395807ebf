import { useSession } from "./session";

/** The staff roles of SPEC §9, as the API names them. */
export type Role = "admin" | "staff" | "prefecture";

/** Admins and staff run trainings; the prefecture only reads rosters. */
export function canRunTrainings(role: string | null | undefined): boolean {
  return role === "admin" || role === "staff";
}

/** Staff accounts, API tokens, webhooks and the organiser's settings are admin-only. */
export function isAdmin(role: string | null | undefined): boolean {
  return role === "admin";
}

/** The signed-in staff member's role, or null when nobody is signed in. */
export function useRole(): Role | null {
  return (useSession()?.user.role as Role | undefined) ?? null;
}
