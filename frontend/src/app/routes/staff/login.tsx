import { Navigate, useLocation, useNavigate } from "react-router";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { LoginForm } from "@/features/auth/components/login-form";
import { useSessionState } from "@/lib/auth/session";

/** `/staff/login` 事務局ログイン */
export function StaffLoginPage() {
  const { loaded, session } = useSessionState();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const next = from?.startsWith("/staff/") ? from : "/staff/trainings";

  if (!loaded) return <Loading />;
  if (session) return <Navigate to={next} replace />;
  return (
    <div className="narrow">
      <PageHeading>事務局ログイン</PageHeading>
      <p className="lead">事務局の方は、登録されたメールアドレスとパスワードでログインしてください。</p>
      <LoginForm onSuccess={() => navigate(next, { replace: true })} />
    </div>
  );
}
