import { useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { pageFromSearch, Pagination } from "@/components/ui/pagination";
import { DELIVERIES_PER_PAGE, useWebhookDeliveries } from "@/features/webhooks/api/get-webhook-deliveries";
import { useWebhooks } from "@/features/webhooks/api/get-webhooks";
import { CreateWebhookForm } from "@/features/webhooks/components/create-webhook-form";
import { DeliveryTable } from "@/features/webhooks/components/delivery-table";
import { WebhookList } from "@/features/webhooks/components/webhook-list";
import "@/features/webhooks/components/webhooks.css";
import { errorMessage } from "@/lib/api/problem";
import { isAdmin, useRole } from "@/lib/auth/roles";

/** `/staff/webhooks` Webhook: partner systems' subscriptions and the delivery log (admins only). */
export function StaffWebhooksPage() {
  const admin = isAdmin(useRole());
  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "Webhook" }]} />
      <PageHeading>Webhook</PageHeading>
      <p className="lead">
        申込・キャンセル・受講完了・証明書発行を、連携先のシステムへ通知します。通知には番号（ID）だけを含め、氏名などの個人情報は含めません。署名の検証方法は
        docs/webhooks.md をご覧ください。
      </p>
      {admin ? <WebhooksAdmin /> : <Alert>Webhookを管理できるのは管理者だけです。</Alert>}
    </>
  );
}

function WebhooksAdmin() {
  const [params] = useSearchParams();
  const page = pageFromSearch(params);
  const hooks = useWebhooks();
  const deliveries = useWebhookDeliveries(page);
  return (
    <>
      <CreateWebhookForm />
      <h2 className="webhooks-heading">登録済みのWebhook</h2>
      {hooks.isPending ? (
        <Loading />
      ) : hooks.isError ? (
        <Alert>{errorMessage(hooks.error)}</Alert>
      ) : (
        <WebhookList items={hooks.data.items} />
      )}
      <h2 className="webhooks-heading">配信ログ</h2>
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError ? (
        <Alert>{errorMessage(deliveries.error)}</Alert>
      ) : deliveries.data.items.length === 0 ? (
        <p className="empty">まだ配信はありません。</p>
      ) : (
        <>
          <DeliveryTable items={deliveries.data.items} />
          <Pagination
            page={deliveries.data.page}
            perPage={deliveries.data.per_page || DELIVERIES_PER_PAGE}
            total={deliveries.data.total}
            hrefFor={(p) => `/staff/webhooks?page=${p}`}
          />
        </>
      )}
    </>
  );
}
