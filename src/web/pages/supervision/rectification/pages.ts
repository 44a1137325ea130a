// The pages of rectification and revocation (第十三、十九、二十条), for the route table (../routes.ts).
import { lazy } from "react";
import type { SupervisionPages } from "../types";

export const pages: SupervisionPages = {
  signedIn: [
    { path: "rectification-orders", ability: "rectification.view", page: lazy(() => import("./RectificationListPage")) },
    { path: "rectification-orders/:id", ability: "rectification.view", page: lazy(() => import("./RectificationDetailPage")) },
  ],
  public: [{ path: "revoked-bases", page: lazy(() => import("./PublicRevokedBasesPage")) }],
};
