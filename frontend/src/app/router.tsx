import { createBrowserRouter, Navigate } from "react-router";
import { NotFoundPage } from "./routes/not-found";
import { RootLayout } from "./routes/root-layout";
import { RouteError } from "./routes/route-error";
import { RequireAdmin, RequireStaff } from "./routes/staff/require-staff";
import { TrainingDetailPage } from "./routes/training-detail";
import { TrainingsListPage } from "./routes/trainings-list";

// Forms (react-hook-form, zod), the 受講要件チェック, My Page and the staff pages load on demand, so that the
// list and detail pages stay light on applicants' phones.
export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <TrainingsListPage /> },
      { path: "trainings/:id", element: <TrainingDetailPage /> },
      {
        // The apply steps share the training and the draft through the layout.
        path: "trainings/:id/apply",
        lazy: async () => ({ Component: (await import("./routes/apply/layout")).ApplyLayout }),
        children: [
          { index: true, lazy: async () => ({ Component: (await import("./routes/apply/input")).ApplyInputPage }) },
          {
            path: "checklist",
            lazy: async () => ({ Component: (await import("./routes/apply/checklist")).ApplyChecklistPage }),
          },
          {
            path: "confirm",
            lazy: async () => ({ Component: (await import("./routes/apply/confirm")).ApplyConfirmPage }),
          },
          {
            path: "complete",
            lazy: async () => ({ Component: (await import("./routes/apply/complete")).ApplyCompletePage }),
          },
        ],
      },
      {
        // The Hokkaido practical training's form (seed 003): 入力 → 確認 → 完了.
        path: "trainings/:id/practical-apply",
        lazy: async () => ({ Component: (await import("./routes/practical-apply/layout")).PracticalApplyLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import("./routes/practical-apply/input")).PracticalInputPage }),
          },
          {
            path: "confirm",
            lazy: async () => ({ Component: (await import("./routes/practical-apply/confirm")).PracticalConfirmPage }),
          },
          {
            path: "complete",
            lazy: async () => ({ Component: (await import("./routes/practical-apply/complete")).PracticalCompletePage }),
          },
        ],
      },
      {
        path: "eligibility",
        lazy: async () => ({ Component: (await import("./routes/eligibility")).EligibilityPage }),
      },
      { path: "me/:key", lazy: async () => ({ Component: (await import("./routes/me/my-page")).MyPagePage }) },
      {
        path: "me/:key/survey",
        lazy: async () => ({ Component: (await import("./routes/me/survey")).MySurveyPage }),
      },
      {
        path: "me/:key/cancel",
        lazy: async () => ({ Component: (await import("./routes/me/cancel")).CancelApplicationPage }),
      },
      {
        path: "me/practical/:key",
        lazy: async () => ({ Component: (await import("./routes/me/practical-my-page")).PracticalMyPagePage }),
      },
      {
        path: "me/practical/:key/cancel",
        lazy: async () => ({ Component: (await import("./routes/me/practical-cancel")).PracticalCancelPage }),
      },
      {
        path: "verify/:code",
        lazy: async () => ({ Component: (await import("./routes/verify")).VerifyCertificatePage }),
      },
      {
        path: "staff/login",
        lazy: async () => ({ Component: (await import("./routes/staff/login")).StaffLoginPage }),
      },
      {
        path: "staff",
        element: <RequireStaff />,
        children: [
          { index: true, element: <Navigate to="/staff/trainings" replace /> },
          {
            path: "trainings",
            lazy: async () => ({ Component: (await import("./routes/staff/trainings")).StaffTrainingsPage }),
          },
          {
            path: "trainings/new",
            lazy: async () => ({ Component: (await import("./routes/staff/training-new")).StaffTrainingNewPage }),
          },
          {
            path: "trainings/:id/applications",
            lazy: async () => ({
              Component: (await import("./routes/staff/training-applications")).StaffTrainingApplicationsPage,
            }),
          },
          {
            path: "trainings/:id/practical",
            lazy: async () => ({
              Component: (await import("./routes/staff/practical-selection")).StaffPracticalSelectionPage,
            }),
          },
          {
            path: "trainings/:id/practical/:applicationId",
            lazy: async () => ({
              Component: (await import("./routes/staff/practical-application")).StaffPracticalApplicationPage,
            }),
          },
          {
            path: "trainings/:id/codes",
            lazy: async () => ({ Component: (await import("./routes/staff/training-codes")).StaffTrainingCodesPage }),
          },
          {
            path: "trainings/:id/codes/:kind",
            lazy: async () => ({ Component: (await import("./routes/staff/training-codes")).StaffCodeProjectionPage }),
          },
          {
            path: "trainings/:id/zoom-checks",
            lazy: async () => ({ Component: (await import("./routes/staff/zoom-checks")).StaffZoomChecksPage }),
          },
          {
            path: "trainings/:id/survey",
            lazy: async () => ({ Component: (await import("./routes/staff/survey")).StaffSurveyPage }),
          },
          {
            path: "rosters",
            lazy: async () => ({ Component: (await import("./routes/staff/rosters")).StaffRostersPage }),
          },
          {
            path: "organiser",
            lazy: async () => ({ Component: (await import("./routes/staff/organiser")).StaffOrganiserPage }),
          },
          {
            path: "outbox",
            lazy: async () => ({ Component: (await import("./routes/staff/outbox")).StaffOutboxPage }),
          },
          {
            path: "trainings/:id/edit",
            lazy: async () => ({ Component: (await import("./routes/staff/training-edit")).StaffTrainingEditPage }),
          },
          // Admin only: staff accounts, API tokens, the audit log and webhooks (issue 12).
          {
            element: <RequireAdmin />,
            children: [
              {
                path: "accounts",
                lazy: async () => ({ Component: (await import("./routes/staff/accounts")).StaffAccountsPage }),
              },
              {
                path: "api-tokens",
                lazy: async () => ({ Component: (await import("./routes/staff/api-tokens")).StaffApiTokensPage }),
              },
              {
                path: "audit",
                lazy: async () => ({ Component: (await import("./routes/staff/audit")).StaffAuditPage }),
              },
              {
                path: "webhooks",
                lazy: async () => ({ Component: (await import("./routes/staff/webhooks")).StaffWebhooksPage }),
              },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
