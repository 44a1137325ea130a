// Typed calls of violations (第二十条), dishonesty records (失信信息) and the bulk revocation of a
// project's certificates (乱发证).
import type { Paged } from "../../../shared/api.js";
import type {
  BulkRevokeResult,
  DishonestyRecordView,
  PublicDishonestyRecordView,
  ViolationCreateBody,
  ViolationListItem,
  ViolationStepBody,
  ViolationView,
} from "../../../shared/supervision/violations.js";
import { api, queryString, type Query } from "../client";

const V1 = "/api/v1";
const enc = encodeURIComponent;

export const violationApi = {
  list: (query: Query) => api.get<Paged<ViolationListItem>>(`${V1}/violations`, query),
  get: (id: string) => api.get<ViolationView>(`${V1}/violations/${enc(id)}`),
  create: (body: ViolationCreateBody) => api.post<ViolationView>(`${V1}/violations`, body),
  act: (id: string, action: string, body: ViolationStepBody) => api.post<ViolationView>(`${V1}/violations/${enc(id)}/actions/${enc(action)}`, body),
  evidenceUrl: (id: string, fileId: string) => `${V1}/violations/${enc(id)}/evidence/${enc(fileId)}`,
};

export const dishonestyApi = {
  list: (query: Query) => api.get<Paged<DishonestyRecordView>>(`${V1}/dishonesty-records`, query),
  /** The export of the list's filters: csv (UTF-8 with BOM), xlsx or json, in the standard's columns. */
  exportUrl: (format: "csv" | "xlsx" | "json", query: Query) => `${V1}/dishonesty-records.${format}${queryString(query)}`,
  publicList: (query: Query) => api.get<Paged<PublicDishonestyRecordView>>(`${V1}/public/dishonesty-records`, query, { silentAuth: true }),
};

export const bulkRevokeApi = {
  revokeAll: (projectId: string, reason: string) => api.post<BulkRevokeResult>(`${V1}/training-projects/${enc(projectId)}/certificates/actions/revoke-all`, { reason }),
};
