import { useEffect, useRef } from "react";
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from "react-router";
import { config } from "@/config";
import { useLogout } from "@/features/auth/api/login";
import { canRunTrainings, isAdmin } from "@/lib/auth/roles";
import { useSession } from "@/lib/auth/session";

/** Moves focus to the new page's h1 after a client-side navigation, as a page load would. */
function useFocusHeadingOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("[data-page-heading]");
    heading?.focus({ preventScroll: true });
  }, [pathname]);
}

const ROLE_LABELS: Record<string, string> = { admin: "管理者", staff: "事務局", prefecture: "北海道（閲覧のみ）" };

function StaffNav() {
  const session = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  if (!session) return null;
  const admin = isAdmin(session.user.role);
  return (
    <nav className="staff-nav" aria-label="事務局メニュー">
      <Link to="/staff/trainings">研修の管理</Link>
      {admin && <Link to="/staff/organiser">発行者の設定</Link>}
      <Link to="/staff/rosters">名簿</Link>
      {canRunTrainings(session.user.role) && <Link to="/staff/outbox">送信メール</Link>}
      {admin && <Link to="/staff/accounts">アカウント管理</Link>}
      {admin && <Link to="/staff/api-tokens">APIトークン</Link>}
      {admin && <Link to="/staff/audit">監査ログ</Link>}
      {admin && <Link to="/staff/webhooks">Webhook</Link>}
      <span className="staff-user">
        {session.user.email}
        <span className="staff-role">（{ROLE_LABELS[session.user.role] ?? session.user.role}）</span>
      </span>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={logout.isPending}
        onClick={() => {
          logout.mutate(undefined, { onSettled: () => navigate("/staff/login", { replace: true }) });
        }}
      >
        ログアウト
      </button>
    </nav>
  );
}

export function RootLayout() {
  const { pathname } = useLocation();
  const isStaff = pathname.startsWith("/staff");
  useFocusHeadingOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        本文へスキップ
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <Link to={isStaff ? "/staff/trainings" : "/"} className="site-name">
            {config.siteName}
            {isStaff && <span className="site-name-sub">事務局</span>}
          </Link>
          {config.organiserName && !isStaff && (
            <p className="site-lead">{config.organiserName}が主催する研修予約システムです。</p>
          )}
          {isStaff && <StaffNav />}
        </div>
      </header>
      <main id="main" className="container main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>© {config.organiserName || config.siteName}</p>
        </div>
      </footer>
      <ScrollRestoration />
    </>
  );
}
