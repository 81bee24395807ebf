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
