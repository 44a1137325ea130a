// The pages of change reports (第二十七条) and of the base's own staff (第十五条), for the route table (../routes.ts).
import { lazy } from "react";
import type { SupervisionPages } from "../types";

export const pages: SupervisionPages = {
  signedIn: [
    { path: "change-reports", ability: "changeReport.view", page: lazy(() => import("./ChangeReportListPage")) },
    { path: "change-reports/:id", ability: "changeReport.view", page: lazy(() => import("./ChangeReportDetailPage")) },
    { path: "staff", ability: "staff.manage", page: lazy(() => import("./StaffPage")) },
  ],
  public: [],
};
