import { useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { pageFromSearch, Pagination } from "@/components/ui/pagination";
import { AUDIT_LOG_PER_PAGE, useAuditLog } from "@/features/audit-log/api/get-audit-log";
import { auditQueryFromSearch } from "@/features/audit-log/audit-filter";
import { AuditFilterForm } from "@/features/audit-log/components/audit-filter-form";
import { AuditTable } from "@/features/audit-log/components/audit-table";
import { errorMessage } from "@/lib/api/problem";
import { isAdmin, useRole } from "@/lib/auth/roles";

/** `/staff/audit` 監査ログ: who changed what, and who read personal data in bulk (admins only). */
export function StaffAuditPage() {
  const [params, setParams] = useSearchParams();
  const page = pageFromSearch(params);
  const admin = isAdmin(useRole());
  const query = useAuditLog(auditQueryFromSearch(params, page, AUDIT_LOG_PER_PAGE));
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `/staff/audit?${next.toString()}`;
  };
  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "監査ログ" }]} />
      <PageHeading>監査ログ</PageHeading>
      <p className="lead">
        職員・APIトークンによる変更、名簿や証明書などの一括閲覧、ログインの記録です。個人情報そのものは記録していません。
      </p>
      {!admin ? (
        <Alert>監査ログを見られるのは管理者だけです。</Alert>
      ) : (
        <>
          <AuditFilterForm key={params.toString()} params={params} onApply={setParams} />
          {query.isPending ? (
            <Loading />
          ) : query.isError ? (
            <Alert>{errorMessage(query.error)}</Alert>
          ) : query.data.items.length === 0 ? (
            <p className="empty">条件に合う記録はありません。</p>
          ) : (
            <>
              <p className="muted">{query.data.total}件（新しい順）</p>
              <AuditTable items={query.data.items} />
              <Pagination
                page={query.data.page}
                perPage={query.data.per_page || AUDIT_LOG_PER_PAGE}
                total={query.data.total}
                hrefFor={hrefFor}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
