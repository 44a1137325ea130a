// The pages of this area of supervision, for the route table (../routes.ts): violations (第二十条) and the
// dishonesty records they create, signed in and public.
import { lazy } from "react";
import type { SupervisionPages } from "../types";

export const pages: SupervisionPages = {
  signedIn: [
    { path: "violations", ability: "violation.view", page: lazy(() => import("./ViolationsPage")) },
    { path: "violations/:id", ability: "violation.view", page: lazy(() => import("./ViolationDetailPage")) },
    { path: "dishonesty-records", ability: "dishonesty.view", page: lazy(() => import("./DishonestyRecordsPage")) },
  ],
  public: [{ path: "dishonesty-records", page: lazy(() => import("./PublicDishonestyRecordsPage")) }],
};
