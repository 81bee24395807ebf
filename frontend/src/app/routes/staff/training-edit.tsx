import { useNavigate, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useAdminTraining } from "@/features/staff-trainings/api/get-admin-training";
import { useUpdateAdminTraining } from "@/features/staff-trainings/api/update-admin-training";
import { StatusBadge } from "@/features/staff-trainings/components/status-badge";
import { TrainingForm } from "@/features/staff-trainings/components/training-form";
import { toFormValues } from "@/features/staff-trainings/form-values";
import { errorMessage } from "@/lib/api/problem";

/** `/staff/trainings/:id/edit` 研修の編集 */
export function StaffTrainingEditPage() {
  const id = Number(useParams().id);
  const query = useAdminTraining(id);
  const update = useUpdateAdminTraining(id);
  const navigate = useNavigate();
  const crumbs = [{ label: "研修の管理", to: "/staff/trainings" }, { label: "編集" }];

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title="研修の編集">研修の編集</PageHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : (
        <>
          <p className="lead">
            <StatusBadge status={query.data.status} /> {query.data.title}
          </p>
          <TrainingForm
            key={query.data.updated_at}
            initialValues={toFormValues(query.data)}
            submitLabel="変更を保存"
            onSubmit={async (input) => {
              await update.mutateAsync(input);
              navigate("/staff/trainings", { state: { flash: "研修の変更を保存しました。" } });
            }}
          />
        </>
      )}
    </>
  );
}
