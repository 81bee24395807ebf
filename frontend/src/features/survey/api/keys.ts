import type { components } from "@/lib/api/schema";

export type SurveyAdmin = components["schemas"]["SurveyAdmin"];
export type SurveyDefinition = components["schemas"]["SurveyDefinition"];
export type Question = components["schemas"]["Question"];
export type QuestionKind = components["schemas"]["QuestionKind"];
export type QuestionSummary = components["schemas"]["QuestionSummary"];
export type MySurvey = components["schemas"]["MySurvey"];
export type SurveyAnswerBody = components["schemas"]["SurveyAnswerBody"];

export const surveyKeys = {
  admin: (trainingId: number) => ["admin", "survey", trainingId] as const,
  mine: (key: string) => ["me", key, "survey"] as const,
};

export const KIND_LABELS: Record<QuestionKind, string> = {
  single_choice: "単一選択",
  multiple_choice: "複数選択",
  scale: "5段階評価",
  free_text: "自由記述",
};
