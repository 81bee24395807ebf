import { useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { DownloadButton } from "@/components/ui/download-button";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useSurvey } from "@/features/survey/api/get-survey";
import { SurveyCharts } from "@/features/survey/components/survey-charts";
import { SurveyEditor } from "@/features/survey/components/survey-editor";
import { errorMessage } from "@/lib/api/problem";
import { canRunTrainings, useRole } from "@/lib/auth/roles";

/** `/staff/trainings/:id/survey` アンケートの質問・集計・ダウンロード (SPEC §8). */
export function StaffSurveyPage() {
  const canEdit = canRunTrainings(useRole());
  const id = Number(useParams().id);
  const query = useSurvey(id);
  const data = query.data;
  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "アンケート" }]} />
      <PageHeading title={data ? `アンケート（${data.title}）` : "アンケート"}>アンケート</PageHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : (
        <>
          <p>{data!.title}</p>
          <section className="section" aria-labelledby="survey-results">
            <h2 id="survey-results">集計（回答 {data!.answer_count}名）</h2>
            <div className="survey-downloads">
              <DownloadButton url={`/api/v1/admin/trainings/${id}/survey/answers.csv`} filename="アンケート回答.csv">
                回答をCSVでダウンロード
              </DownloadButton>
              <DownloadButton url={`/api/v1/admin/trainings/${id}/survey/answers.xlsx`} filename="アンケート回答.xlsx">
                回答をExcelでダウンロード
              </DownloadButton>
            </div>
            {data!.questions.length === 0 ? (
              <p className="empty">質問はまだありません。{canEdit && "下の「質問を追加」から作成してください。"}</p>
            ) : (
              <SurveyCharts questions={data!.questions} summaries={data!.summaries} />
            )}
          </section>
          {canEdit && (
          <section className="section" aria-labelledby="survey-questions">
            <h2 id="survey-questions">質問</h2>
            <p className="field-hint">
              参加者は、終了番号を入力したあとにマイページから1回だけ回答できます。最初の回答が届くと、質問は変更できなくなります。
            </p>
            <SurveyEditor key={`${data!.answer_count}-${data!.questions.map((q) => q.id).join(",")}`} survey={data!} />
          </section>
          )}
        </>
      )}
    </>
  );
}
