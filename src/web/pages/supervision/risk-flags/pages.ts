// The pages of risk flags (风险提示, issue 12 item 4) for the route table (../routes.ts).
import { lazy } from "react";
import type { SupervisionPages } from "../types";

export const pages: SupervisionPages = {
  signedIn: [
    { path: "risk-flags", ability: "riskFlag.view", page: lazy(() => import("./RiskFlagsPage")) },
    { path: "risk-flags/:id", ability: "riskFlag.view", page: lazy(() => import("./RiskFlagDetailPage")) },
  ],
  public: [],
};
