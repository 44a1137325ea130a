// The pages of 通知公告 (issue 12 item 6) for the route table: signed in and public.
import { lazy } from "react";
import type { SupervisionPages } from "../supervision/types";

export const pages: SupervisionPages = {
  signedIn: [
    { path: "announcements", ability: "announcement.view", page: lazy(() => import("./AnnouncementsPage")) },
    { path: "announcements/:id", ability: "announcement.view", page: lazy(() => import("./AnnouncementDetailPage")) },
  ],
  public: [
    { path: "announcements", page: lazy(() => import("./PublicAnnouncementsPage")) },
    { path: "announcements/:id", page: lazy(() => import("./PublicAnnouncementDetailPage")) },
  ],
};
