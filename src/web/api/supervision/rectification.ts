// Typed calls of rectification orders (限期整改, 第十九条) and of revoking a base (撤销, 第十三、十九、二十条).
import { api, queryString, type Query } from "../client";
import type { BaseView } from "../../../shared/accreditation.js";
import type { Paged } from "../../../shared/api.js";
import type {
  RectificationCreateBody,
  RectificationListItem,
  RectificationOrderView,
  RectificationStepBody,
  RevocationPreview,
  RevocationResult,
  RevokeBody,
} from "../../../shared/supervision/rectification.js";

export type { RectificationItem, RectificationListItem, RectificationOrderView, RectificationStatus, RevocationPreview, RevocationProject, RevocationResult } from "../../../shared/supervision/rectification.js";

const ORDERS = "/api/v1/rectification-orders";
const enc = encodeURIComponent;

export const rectificationApi = {
  list: (query: Query) => api.get<Paged<RectificationListItem>>(ORDERS, query),
  exportUrl: (query: Query) => `${ORDERS}/export.xlsx${queryString(query)}`,
  get: (id: string) => api.get<RectificationOrderView>(`${ORDERS}/${enc(id)}`),
  create: (body: RectificationCreateBody) => api.post<RectificationOrderView>(ORDERS, body),
  act: (id: string, action: string, body: RectificationStepBody) => api.post<RectificationOrderView>(`${ORDERS}/${enc(id)}/actions/${enc(action)}`, body),
  evidenceUrl: (id: string, fileId: string) => `${ORDERS}/${enc(id)}/files/${enc(fileId)}`,
};

export const revocationApi = {
  preview: (baseId: string) => api.get<RevocationPreview>(`/api/v1/bases/${enc(baseId)}/revocation-preview`),
  revoke: (baseId: string, body: RevokeBody) => api.post<BaseView & RevocationResult>(`/api/v1/bases/${enc(baseId)}/actions/revoke`, body),
  /** 第二十条: the public list of revoked bases, newest revocation first. */
  revoked: (query: Query) => api.get<Paged<BaseView>>("/api/v1/public/bases", { ...query, status: "revoked" }, { silentAuth: true }),
};
