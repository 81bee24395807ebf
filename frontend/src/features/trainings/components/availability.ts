import type { TrainingDetail } from "@/lib/api/types";

/** Whether the public data says the training takes applications: 受付中, or 満員 with a waiting list. */
export function takesApplications(training: Pick<TrainingDetail, "availability" | "waiting_list">): boolean {
  return training.availability === "open" || (training.availability === "full" && training.waiting_list);
}
