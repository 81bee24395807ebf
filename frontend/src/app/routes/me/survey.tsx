import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { MyPageNotFound } from "@/features/my-page/components/my-page-not-found";
import { useMySurvey } from "@/features/survey/api/get-my-survey";
import { SurveyForm } from "@/features/survey/components/survey-form";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { formatWarekiDateTime } from "@/lib/format/wareki";

/** `/me/:key/survey` アンケート: after the end code, once. */
export function MySurveyPage() {
  const key = useParams().key ?? "";
  const query = useMySurvey(key);
  if (query.error instanceof ApiError && query.error.status === 404) return <MyPageNotFound />;
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  const survey = query.data;
  const back = (
    <p>
      <Link to={`/me/${key}`}>マイページに戻る</Link>
    </p>
  );
  return (
    <>
      <p className="eyebrow">アンケート</p>
      <PageHeading title={`アンケート（${survey.training_title}）`}>{survey.training_title}</PageHeading>
      {survey.state === "open" && (
        <>
          <p>
            {survey.full_name} 様、本日はご受講ありがとうございました。今後の研修会企画等の参考にさせていただきますので、アンケートへのご協力をお願いいたします。
          </p>
          <SurveyForm surveyKey={key} questions={survey.questions} />
        </>
      )}
      {survey.state === "answered" && (
        <Alert tone="success">
          <p className="alert-title">アンケートにご回答いただき、ありがとうございました</p>
          {survey.answered_at && <p>{formatWarekiDateTime(survey.answered_at)}に回答しました。</p>}
        </Alert>
      )}
      {survey.state === "not_yet" && (
        <Alert tone="info">アンケートは、研修終了時に終了番号を入力したあとに回答できます。</Alert>
      )}
      {survey.state === "unavailable" && <Alert tone="info">この研修のアンケートはありません。</Alert>}
      {back}
    </>
  );
}
