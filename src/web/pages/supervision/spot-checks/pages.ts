// The pages of comprehensive reviews and 双随机 spot checks (第十九条), for the route table (../routes.ts).
import { lazy } from "react";
import type { SupervisionPages } from "../types";

export const pages: SupervisionPages = {
  signedIn: [
    { path: "spot-checks", ability: "spotCheck.view", page: lazy(() => import("./SpotCheckListPage")) },
    { path: "spot-checks/:id", ability: "spotCheck.view", page: lazy(() => import("./SpotCheckDetailPage")) },
  ],
  // 一公开: the draws and their results, for anyone
  public: [
    { path: "spot-checks", page: lazy(() => import("./PublicSpotChecksPage")) },
    { path: "spot-checks/:id", page: lazy(() => import("./PublicSpotCheckDetailPage")) },
  ],
};
