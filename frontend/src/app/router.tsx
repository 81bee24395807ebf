import { createBrowserRouter, Navigate } from "react-router";
import { NotFoundPage } from "./routes/not-found";
import { RootLayout } from "./routes/root-layout";
import { RouteError } from "./routes/route-error";
import { RequireStaff } from "./routes/staff/require-staff";
import { TrainingApplyPage } from "./routes/training-apply";
import { TrainingDetailPage } from "./routes/training-detail";
import { TrainingsListPage } from "./routes/trainings-list";

// Staff pages (forms, zod) load on demand so that applicants' phones download less.
export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <TrainingsListPage /> },
      { path: "trainings/:id", element: <TrainingDetailPage /> },
      { path: "trainings/:id/apply", element: <TrainingApplyPage /> },
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
            path: "trainings/:id/edit",
            lazy: async () => ({ Component: (await import("./routes/staff/training-edit")).StaffTrainingEditPage }),
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
