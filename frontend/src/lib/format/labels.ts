/** Japanese labels for the API's enums. */

export type TrainingFormat = "in_person" | "online" | "hybrid";
export type TrainingStatus = "draft" | "published" | "closed" | "finished" | "cancelled";
export type FormKind = "simple" | "practical";
export type Availability = "open" | "full" | "closed" | "upcoming";

export const FORMAT_LABELS: Record<TrainingFormat, string> = {
  in_person: "会場",
  online: "オンライン(Zoom)",
  hybrid: "ハイブリッド",
};

export const STATUS_LABELS: Record<TrainingStatus, string> = {
  draft: "下書き",
  published: "公開中",
  closed: "締切",
  finished: "終了",
  cancelled: "中止",
};

export const FORM_KIND_LABELS: Record<FormKind, string> = {
  simple: "簡易",
  practical: "北海道実践研修",
};

export const AVAILABILITY_LABELS: Record<Availability, string> = {
  open: "受付中",
  full: "満員",
  closed: "受付終了",
  upcoming: "受付前",
};

export const yesNo = (value: boolean) => (value ? "有" : "無");

export type Member = "member" | "non_member";
export type ApplicationStatus = "confirmed" | "waitlisted" | "cancelled";

export const MEMBER_LABELS: Record<Member, string> = {
  member: "会員",
  non_member: "非会員",
};

/** 申込済み / キャンセル待ち（3番目） / キャンセル済み */
export function applicationStatusLabel(status: ApplicationStatus, waitlistPosition?: number | null): string {
  switch (status) {
    case "confirmed":
      return "申込済み";
    case "waitlisted":
      return waitlistPosition ? `キャンセル待ち（${waitlistPosition}番目）` : "キャンセル待ち";
    case "cancelled":
      return "キャンセル済み";
  }
}
