// Typed calls of change reports (第二十七条), of plaque verification (a reissued plaque verifies as
// superseded) and of the base's own staff accounts (第十五条).
import { api, type Query } from "../client";
import type { Paged } from "../../../shared/api.js";
import type { ChangeReportCreateBody, ChangeReportListItem, ChangeReportStepBody, ChangeReportView, PlaqueVerification } from "../../../shared/supervision/change-reports.js";

export type { ChangeField, ChangeReportListItem, ChangeReportStatus, ChangeReportView, ChangeValues, PlaqueVerification } from "../../../shared/supervision/change-reports.js";
export { CHANGE_FIELDS, CHANGE_REPORT_STATUSES } from "../../../shared/supervision/change-reports.js";

const REPORTS = "/api/v1/change-reports";
const enc = encodeURIComponent;

export const changeReportApi = {
  list: (query: Query) => api.get<Paged<ChangeReportListItem>>(REPORTS, query),
  get: (id: string) => api.get<ChangeReportView>(`${REPORTS}/${enc(id)}`),
  create: (baseId: string, body: ChangeReportCreateBody) => api.post<ChangeReportView>(`/api/v1/bases/${enc(baseId)}/change-reports`, body),
  act: (id: string, action: string, body: ChangeReportStepBody) => api.post<ChangeReportView>(`${REPORTS}/${enc(id)}/actions/${enc(action)}`, body),
  evidenceUrl: (id: string, fileId: string) => `${REPORTS}/${enc(id)}/files/${enc(fileId)}`,
};

export const plaqueApi = {
  /** 第二十七条: whether a plaque serial is the one in force or superseded by a reissue (no sign-in). */
  verify: (serial: string) => api.get<PlaqueVerification>(`/api/v1/public/plaques/${enc(serial)}`, undefined, { silentAuth: true }),
};
