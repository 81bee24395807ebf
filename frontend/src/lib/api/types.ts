/**
 * Names for the API's bodies, taken from the generated `paths` so that they follow
 * `openapi.yaml` whatever its schema names are.
 */
import type { paths } from "./schema";

type JsonOf<T> = T extends { content: { "application/json": infer B } } ? B : never;
type RequestJson<T> = T extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;

export type TrainingPage = JsonOf<paths["/api/v1/trainings"]["get"]["responses"][200]>;
export type TrainingSummary = TrainingPage["items"][number];
export type TrainingDetail = JsonOf<paths["/api/v1/trainings/{id}"]["get"]["responses"][200]>;
export type PublicFile = TrainingDetail["files"][number];
export type ExerciseSchedule = TrainingDetail["exercise_schedules"][number];

export type LoginRequest = RequestJson<paths["/api/v1/auth/login"]["post"]>;
export type LoginResponse = JsonOf<paths["/api/v1/auth/login"]["post"]["responses"][200]>;

export type AdminTrainingPage = JsonOf<paths["/api/v1/admin/trainings"]["get"]["responses"][200]>;
export type AdminTraining = AdminTrainingPage["items"][number];
export type TrainingInput = RequestJson<paths["/api/v1/admin/trainings"]["post"]>;
export type ExerciseScheduleInput = NonNullable<TrainingInput["exercise_schedules"]>[number];

export type Checklist = JsonOf<paths["/api/v1/checklist"]["get"]["responses"][200]>;
export type ChecklistSection = Checklist["sections"][number];
export type ChecklistBand = Checklist["bands"][number];

export type ApplyRequest = RequestJson<paths["/api/v1/trainings/{id}/applications"]["post"]>;
export type ApplicationCreated = JsonOf<paths["/api/v1/trainings/{id}/applications"]["post"]["responses"][201]>;
export type Member = NonNullable<ApplyRequest["member"]>;

export type MyPage = JsonOf<paths["/api/v1/me/{key}"]["get"]["responses"][200]>;
export type MyPageFile = MyPage["training"]["files"][number];
export type PracticalMyPage = JsonOf<paths["/api/v1/me/practical/{key}"]["get"]["responses"][200]>;
export type ApplicationStatus = MyPage["status"];

export type AdminApplicationPage = JsonOf<paths["/api/v1/admin/trainings/{id}/applications"]["get"]["responses"][200]>;
export type AdminApplication = AdminApplicationPage["items"][number];
export type ChecklistSummary = JsonOf<paths["/api/v1/admin/trainings/{id}/checklist-summary"]["get"]["responses"][200]>;

export type EligibilityRequest = RequestJson<paths["/api/v1/eligibility/practical-training"]["post"]>;
export type EligibilityApplicant = EligibilityRequest["applicant"];
export type EligibilityCompletion = NonNullable<EligibilityApplicant["consultation"]>;
export type EligibilityTarget = NonNullable<EligibilityApplicant["target"]>;
export type TrainingNameCode = EligibilityCompletion["category"];
export type EligibilityVerdict = JsonOf<paths["/api/v1/eligibility/practical-training"]["post"]["responses"][200]>;
export type EligibilityRule = EligibilityVerdict["rules"][number];
export type CountedPeriod = EligibilityVerdict["derived"]["periods"][number];

type PracticalPath = paths["/api/v1/trainings/{id}/practical-applications"]["post"];
export type PracticalForm = RequestJson<PracticalPath>;
export type PracticalReceived = JsonOf<PracticalPath["responses"][201]>;
export type PracticalKind = NonNullable<PracticalForm["kind"]>;
export type Sex = NonNullable<PracticalForm["applicant"]["sex"]>;
export type SettingStatus = NonNullable<PracticalForm["placement"]["setting"]>;
export type PlanCategory = NonNullable<PracticalForm["placement_need"]["plan_category"]>;
export type PracticalHistoryEntry = NonNullable<PracticalForm["history"]["consultation"]>;
export type PracticalReference = JsonOf<paths["/api/v1/reference/practical"]["get"]["responses"][200]>;
export type KindServices = PracticalReference["kinds"][number];
export type PracticalSelection = JsonOf<
  paths["/api/v1/admin/trainings/{id}/practical-applications"]["get"]["responses"][200]
>;
export type PracticalRow = PracticalSelection["applications"][number];
export type ScheduleLoad = PracticalSelection["schedules"][number];
export type PracticalStatus = PracticalRow["status"];
export type Decision = NonNullable<PracticalRow["decision"]>;
export type Outcome = PracticalRow["submitted_outcome"];
export type PracticalDetail = JsonOf<paths["/api/v1/admin/practical-applications/{id}"]["get"]["responses"][200]>;
export type PracticalEvent = PracticalDetail["events"][number];
export type DecisionRequest = RequestJson<paths["/api/v1/admin/practical-applications/{id}/decision"]["post"]>;

// Certificates (issue 11).
export type CertificateVerification = JsonOf<paths["/api/v1/certificates/verify/{code}"]["get"]["responses"][200]>;
export type OrganiserSettings = JsonOf<paths["/api/v1/admin/organiser"]["get"]["responses"][200]>;

export type AuditLogPage = JsonOf<paths["/api/v1/admin/audit-log"]["get"]["responses"][200]>;
export type AuditEntry = AuditLogPage["items"][number];
export type AuditLogQuery = NonNullable<paths["/api/v1/admin/audit-log"]["get"]["parameters"]["query"]>;

export type WebhookList = JsonOf<paths["/api/v1/admin/webhooks"]["get"]["responses"][200]>;
export type Webhook = WebhookList["items"][number];
export type WebhookEventName = Webhook["events"][number];
export type CreateWebhookRequest = RequestJson<paths["/api/v1/admin/webhooks"]["post"]>;
export type WebhookCreated = JsonOf<paths["/api/v1/admin/webhooks"]["post"]["responses"][201]>;
export type WebhookDeliveryPage = JsonOf<paths["/api/v1/admin/webhook-deliveries"]["get"]["responses"][200]>;
export type WebhookDelivery = WebhookDeliveryPage["items"][number];
