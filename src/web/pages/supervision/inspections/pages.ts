// The pages of inspections and inspection schemes (第十四条, 第十八条), for the route table (../routes.ts).
// The scheme page is open to everyone who sees inspections: bases read their unit's scheme and measures.
import { lazy } from "react";
import type { SupervisionPages } from "../types";

export const pages: SupervisionPages = {
  signedIn: [
    { path: "inspection-schemes", ability: "inspection.view", page: lazy(() => import("./SchemePage")) },
    { path: "inspections", ability: "inspection.view", page: lazy(() => import("./InspectionListPage")) },
    { path: "inspections/:id", ability: "inspection.view", page: lazy(() => import("./InspectionDetailPage")) },
  ],
  public: [],
};
