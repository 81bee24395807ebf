import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { DateRange } from "@/components/training/date-range";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { pageFromSearch, Pagination } from "@/components/ui/pagination";
import { CertificateDownloads } from "@/features/certificates/components/certificate-downloads";
import { useChecklist } from "@/features/checklist/api/get-checklist";
import { ApplicationActions } from "@/features/office/components/application-actions";
import { StaffEntryForm } from "@/features/office/components/staff-entry-form";
import { TrainingDashboard } from "@/features/office/components/training-dashboard";
import { TrainingFiles } from "@/features/office/components/training-files";
import { ExportPanel } from "@/features/rosters/components/export-panel";
import { APPLICATIONS_PER_PAGE, useApplications } from "@/features/staff-applications/api/get-applications";
import { useChecklistSummary } from "@/features/staff-applications/api/get-checklist-summary";
import { ApplicationsTable } from "@/features/staff-applications/components/applications-table";
import { ChecklistCharts } from "@/features/staff-applications/components/checklist-charts";
import { useAdminTraining } from "@/features/staff-trainings/api/get-admin-training";
import { StatusActions } from "@/features/staff-trainings/components/status-actions";
import { StatusBadge } from "@/features/staff-trainings/components/status-badge";
import { errorMessage } from "@/lib/api/problem";
import type { ApplicationStatus } from "@/lib/api/types";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { seatsText } from "@/lib/format/seats";

const FILTERS: { status?: ApplicationStatus; label: string }[] = [
  { label: "すべて" },
  { status: "confirmed", label: "申込済み" },
  { status: "waitlisted", label: "キャンセル待ち" },
  { status: "cancelled", label: "キャンセル済み" },
];

function statusFromSearch(params: URLSearchParams): ApplicationStatus | undefined {
  const s = params.get("status");
  return s === "confirmed" || s === "waitlisted" || s === "cancelled" ? s : undefined;
}

/** `/staff/trainings/:id/applications` 申込者一覧 and the checklist charts. */
export function StaffTrainingApplicationsPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const page = pageFromSearch(params);
  const status = statusFromSearch(params);
  const q = params.get("q")?.trim() ?? "";
  const training = useAdminTraining(id);
  const applications = useApplications(id, page, status, q);
  const canEdit = canRunTrainings(useRole());
  const checklist = useChecklist(canEdit && (training.data?.checklist_required ?? false));
  const showChecklist = training.data?.checklist_required ?? false;
  const summary = useChecklistSummary(id, showChecklist);

  const base = `/staff/trainings/${id}/applications`;
  const hrefFor = (p: number, s = status, search = q) => {
    const query = new URLSearchParams();
    if (s) query.set("status", s);
    if (search) query.set("q", search);
    if (p > 1) query.set("page", String(p));
    const text = query.toString();
    return text ? `${base}?${text}` : base;
  };

  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "申込者一覧" }]} />
      <PageHeading title={training.data ? `申込者一覧（${training.data.title}）` : "申込者一覧"}>申込者一覧</PageHeading>
      {training.isError && <Alert>{errorMessage(training.error)}</Alert>}
      {training.data && (
        <div className="card apply-training">
          <p className="apply-training-title">
            <StatusBadge status={training.data.status} /> {training.data.title}
          </p>
          <p className="apply-training-meta">
            <DateRange start={training.data.starts_at} end={training.data.ends_at} />
            <br />
            申込{" "}
            {training.data.practical_counts
              ? `${training.data.practical_counts.applications}名・受講決定${training.data.practical_counts.accepted}名`
              : `${training.data.seats_taken}名`}
            （{seatsText(training.data.seats_left, training.data.capacity)}）
          </p>
          <StatusActions training={training.data} />
        </div>
      )}

      {training.data?.form_kind === "simple" && <TrainingDashboard trainingId={id} />}

      {training.data?.form_kind === "practical" && (
        <p className="notice" role="note">
          <strong className="notice-label">実践研修</strong>
          この研修の申込は、
          <Link to={`/staff/trainings/${id}/practical`}>選考・受講決定</Link>
          の画面で確認・決定します。
        </p>
      )}

      {training.data?.form_kind === "simple" && training.data.issues_certificate && (
        <CertificateDownloads trainingId={id} />
      )}

      {training.data && <ExportPanel trainingId={id} practical={training.data.form_kind === "practical"} />}
      {canEdit && training.data?.form_kind === "simple" && (training.data.status === "published" || training.data.status === "closed") && (
        <details className="card office-section">
          <summary>電話・FAXなどの申込を代理入力する</summary>
          <StaffEntryForm training={training.data} checklist={checklist.data} />
        </details>
      )}

      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const value = new FormData(e.currentTarget).get("q");
          navigate(hrefFor(1, status, typeof value === "string" ? value.trim() : ""));
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="applications-q">
            申込者を検索
          </label>
          <p className="field-hint" id="applications-q-hint">
            氏名・ふりがな・住所・電話番号の一部（カタカナ・ひらがな、全角・半角、ハイフンの有無は問いません）
          </p>
          <input id="applications-q" name="q" type="search" defaultValue={q} key={q} aria-describedby="applications-q-hint" />
        </div>
        <button type="submit" className="button button-secondary">
          検索
        </button>
        {q && (
          <Link to={hrefFor(1, status, "")} className="button button-secondary">
            検索を解除
          </Link>
        )}
      </form>

      <nav className="filter-tabs" aria-label="申込状況で絞り込む">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.label}>
              <Link to={hrefFor(1, f.status)} aria-current={f.status === status ? "page" : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {applications.isPending ? (
        <Loading />
      ) : applications.isError ? (
        <Alert>{errorMessage(applications.error)}</Alert>
      ) : applications.data.items.length === 0 ? (
        <p className="empty">{status || q ? "該当する申込はありません。" : "申込はまだありません。"}</p>
      ) : (
        <>
          <p className="muted">
            全{applications.data.total}件<span className="scroll-hint">（表は横にスクロールできます）</span>
          </p>
          <ApplicationsTable
            items={applications.data.items}
            firstNumber={(applications.data.page - 1) * (applications.data.per_page || APPLICATIONS_PER_PAGE) + 1}
            actions={canEdit ? (a) => <ApplicationActions application={a} trainingId={id} training={training.data} /> : undefined}
          />
          <Pagination
            page={applications.data.page}
            perPage={applications.data.per_page || APPLICATIONS_PER_PAGE}
            total={applications.data.total}
            hrefFor={(p) => hrefFor(p)}
          />
        </>
      )}

      {training.data && <TrainingFiles training={training.data} canEdit={canEdit} />}

      {showChecklist &&
        (summary.isPending ? (
          <Loading />
        ) : summary.isError ? (
          <Alert>{errorMessage(summary.error)}</Alert>
        ) : (
          <ChecklistCharts summary={summary.data} />
        ))}
    </>
  );
}
