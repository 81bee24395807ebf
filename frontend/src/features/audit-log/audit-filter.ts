import type { AuditLogQuery } from "@/lib/api/types";

/** The filter fields as they appear in the page's URL (`?training_id=3&from=2026-12-01`). */
export const AUDIT_FILTER_FIELDS = ["actor_kind", "actor_id", "training_id", "action", "from", "to"] as const;

/** The API query for the page's URL: empty and malformed numbers are left out. */
export function auditQueryFromSearch(params: URLSearchParams, page: number, perPage: number): AuditLogQuery {
  const query: AuditLogQuery = { page, per_page: perPage };
  const kind = params.get("actor_kind");
  if (kind === "staff" || kind === "token") query.actor_kind = kind;
  for (const field of ["actor_id", "training_id"] as const) {
    const value = Number(params.get(field));
    if (params.get(field) && Number.isInteger(value) && value > 0) query[field] = value;
  }
  for (const field of ["action", "from", "to"] as const) {
    const value = params.get(field)?.trim();
    if (value) query[field] = value;
  }
  return query;
}

/** What a route pattern does, in the office's words; unknown patterns are shown as they are. */
const ACTION_LABELS: Record<string, string> = {
  "POST /api/v1/auth/login": "ログイン",
  "POST /api/v1/admin/trainings": "研修の作成",
  "PUT /api/v1/admin/trainings/{id}": "研修の編集",
  "POST /api/v1/admin/trainings/{id}/publish": "研修の公開",
  "POST /api/v1/admin/trainings/{id}/close": "申込の締切",
  "POST /api/v1/admin/trainings/{id}/finish": "研修の終了",
  "POST /api/v1/admin/trainings/{id}/cancel": "研修の中止",
  "POST /api/v1/admin/practical-applications/{id}/decision": "受講決定の登録",
  "GET /api/v1/admin/trainings/{id}/applications": "申込者一覧の閲覧",
  "GET /api/v1/admin/trainings/{id}/practical-applications": "実践研修申込一覧の閲覧",
  "GET /api/v1/admin/trainings/{id}/certificates.zip": "受講証明書(ZIP)のダウンロード",
  "GET /api/v1/admin/trainings/{id}/certificates.pdf": "受講証明書(PDF)のダウンロード",
  "GET /api/v1/admin/trainings/{id}/survey/answers.csv": "アンケート回答(CSV)のダウンロード",
  "GET /api/v1/admin/trainings/{id}/survey/answers.xlsx": "アンケート回答(Excel)のダウンロード",
  "GET /api/v1/admin/trainings/{id}/zoom-checks": "Zoom確認表の閲覧",
  "POST /api/v1/admin/webhooks": "Webhookの登録",
  "POST /api/v1/admin/webhooks/{id}/disable": "Webhookの停止",
  "POST /api/v1/admin/webhooks/{id}/enable": "Webhookの再開",
  "DELETE /api/v1/admin/webhooks/{id}": "Webhookの削除",
  "POST /api/v1/admin/webhook-deliveries/{id}/redeliver": "Webhookの再送",
};

export function actionLabel(action: string): string | undefined {
  return ACTION_LABELS[action];
}

/** 成功 for 2xx/3xx, otherwise the reason class. */
export function statusLabel(status: number): string {
  if (status < 400) return "成功";
  if (status === 401) return "認証失敗";
  if (status === 403) return "権限なし";
  if (status === 429) return "回数制限";
  if (status < 500) return "受付不可";
  return "サーバーエラー";
}
