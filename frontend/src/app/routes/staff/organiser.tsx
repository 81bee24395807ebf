import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { DownloadButton } from "@/components/ui/download-button";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useOrganiser } from "@/features/organiser/api/get-organiser";
import { OrganiserForm } from "@/features/organiser/components/organiser-form";
import { errorMessage } from "@/lib/api/problem";
import { useSession } from "@/lib/auth/session";

/** `/staff/organiser` 発行者の設定: the issuer, representative and seal on every 受講証明書. */
export function StaffOrganiserPage() {
  const organiser = useOrganiser();
  const canEdit = useSession()?.user.role === "admin";
  return (
    <div className="narrow">
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "発行者の設定" }]} />
      <PageHeading>発行者の設定</PageHeading>
      <p className="lead">受講証明書に印刷する発行者・代表者・印影です。発行済みの証明書は、発行したときの内容のままです。</p>
      {organiser.isPending ? (
        <Loading />
      ) : organiser.isError ? (
        <Alert>{errorMessage(organiser.error)}</Alert>
      ) : (
        <OrganiserForm current={organiser.data} canEdit={canEdit} />
      )}
      <p className="actions">
        <DownloadButton url="/api/v1/admin/organiser/preview.pdf" filename="受講証明書_見本.pdf">
          見本のPDFを見る
        </DownloadButton>
      </p>
    </div>
  );
}
