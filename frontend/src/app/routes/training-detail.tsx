import { Link, useParams } from "react-router";
import { AvailabilityBadge } from "@/components/training/availability-badge";
import { MailNotice } from "@/components/training/mail-notice";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useDocumentTitle } from "@/components/ui/use-document-title";
import { ResendLinkForm } from "@/features/resend-link/components/resend-link-form";
import { useTraining } from "@/features/trainings/api/get-training";
import { takesApplications } from "@/features/trainings/components/availability";
import { FileList } from "@/features/trainings/components/file-list";
import { TrainingFacts } from "@/features/trainings/components/training-facts";
import { TrainingNotFound } from "@/features/trainings/components/training-not-found";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { tokyoDateOf } from "@/lib/format/tokyo-time";

/** `/trainings/:id` 研修の詳細 */
export function TrainingDetailPage() {
  const id = Number(useParams().id);
  const query = useTraining(id);
  useDocumentTitle(query.data?.title ?? "研修の詳細");

  const crumbs = [{ label: "一覧", to: "/" }, { label: "詳細" }];

  if (!Number.isInteger(id) || id <= 0 || (query.error instanceof ApiError && query.error.status === 404)) {
    return <TrainingNotFound crumbs={crumbs} />;
  }
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;

  const training = query.data;
  const open = takesApplications(training);
  const waitlistOnly = training.availability === "full";
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <div className="detail-head">
        <AvailabilityBadge availability={training.availability} label={training.availability_label} />
      </div>
      <PageHeading title={training.title}>{training.title}</PageHeading>
      <p className="lead">研修の情報を確認し、【申し込む】から申込を開始してください。</p>
      <TrainingFacts training={training} />
      <FileList files={training.files} />
      {training.form_kind === "practical" && (
        <div className="eligibility-link">
          <p>受講要件（受講対象ア〜ウ、OJT期間など）を満たしているか、申し込む前に確認できます。</p>
          <Link className="button button-secondary" to={`/eligibility?lecture_start=${tokyoDateOf(training.starts_at)}`}>
            受講要件を確認する ›
          </Link>
        </div>
      )}
      <MailNotice />
      {waitlistOnly && open && (
        <p className="closed-note" role="note">
          定員に達しています。お申し込みはキャンセル待ちとして受け付けます。
        </p>
      )}
      {!open && (
        <p className="closed-note" role="note">
          現在、この研修の申込は受け付けていません（{training.availability_label}）。
        </p>
      )}
      <div className="actions">
        <Link className="button button-secondary" to="/">
          ‹ 戻る
        </Link>
        {open && (
          <Link
            className="button button-primary"
            to={`/trainings/${training.id}/${training.form_kind === "practical" ? "practical-apply" : "apply"}`}
          >
            {waitlistOnly ? "キャンセル待ちで申し込む ›" : "申し込む ›"}
          </Link>
        )}
      </div>
      {training.form_kind === "simple" && <ResendLinkForm trainingId={training.id} />}
    </>
  );
}
