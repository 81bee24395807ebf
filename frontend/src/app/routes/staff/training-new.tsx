import { useNavigate } from "react-router";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";
import { useCreateAdminTraining } from "@/features/staff-trainings/api/create-admin-training";
import { TrainingForm } from "@/features/staff-trainings/components/training-form";

/** `/staff/trainings/new` 研修の新規作成 (saved as a draft). */
export function StaffTrainingNewPage() {
  const create = useCreateAdminTraining();
  const navigate = useNavigate();
  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "新規作成" }]} />
      <PageHeading>研修の新規作成</PageHeading>
      <p className="lead">下書きとして保存されます。公開は一覧の【公開】から行ってください。</p>
      <TrainingForm
        submitLabel="下書きとして保存"
        draftKey="kenshu.staffTrainingDraft"
        onSubmit={async (input) => {
          await create.mutateAsync(input);
          navigate("/staff/trainings", { state: { flash: "研修を下書きとして保存しました。" } });
        }}
      />
    </>
  );
}
