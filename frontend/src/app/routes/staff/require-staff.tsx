import { Navigate, Outlet, useLocation } from "react-router";
import { Loading } from "@/components/ui/loading";
import { isAdmin, useRole } from "@/lib/auth/roles";
import { useSessionState } from "@/lib/auth/session";

/** Staff pages: without a live session, go to the login page and come back afterwards. */
export function RequireStaff() {
  const { loaded, session } = useSessionState();
  const location = useLocation();
  if (!loaded) return <Loading />;
  if (!session) {
    return <Navigate to="/staff/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}

/** Admin-only pages (accounts, API tokens): others are sent back to the trainings. */
export function RequireAdmin() {
  const role = useRole();
  if (!isAdmin(role)) return <Navigate to="/staff/trainings" replace />;
  return <Outlet />;
}
