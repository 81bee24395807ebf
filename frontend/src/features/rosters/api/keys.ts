export const rosterKeys = {
  columns: (trainingId: number, kind: string) => ["rosters", "columns", trainingId, kind] as const,
  fiscalYearColumns: (kind: string) => ["rosters", "fiscal-year-columns", kind] as const,
  trainings: (fiscalYear: number) => ["rosters", "trainings", fiscalYear] as const,
  cp932: (trainingId: number, kind: string, columns: string) => ["rosters", "cp932", trainingId, kind, columns] as const,
};
