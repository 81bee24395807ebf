import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "@/lib/auth/session";

/** Staff pages: without a live session, go to the login page and come back afterwards. */
export function RequireStaff() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to="/staff/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
