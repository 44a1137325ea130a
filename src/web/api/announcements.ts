// Typed calls of 通知公告 (issue 12 item 6): publish, list, read, confirm, withdraw, receipts, and the
// public list.
import type { Paged } from "../../shared/api.js";
import type { AnnouncementInput, AnnouncementListItem, AnnouncementReceipts, AnnouncementView, PublicAnnouncementView } from "../../shared/announcements.js";
import { api, queryString, type Query } from "./client";

const V1 = "/api/v1";
const enc = encodeURIComponent;

export const announcementApi = {
  list: (query: Query) => api.get<Paged<AnnouncementListItem>>(`${V1}/announcements`, query),
  get: (id: string) => api.get<AnnouncementView>(`${V1}/announcements/${enc(id)}`),
  publish: (body: AnnouncementInput) => api.post<AnnouncementView>(`${V1}/announcements`, body),
  confirmRead: (id: string) => api.post<AnnouncementView>(`${V1}/announcements/${enc(id)}/actions/read`, {}),
  withdraw: (id: string, body: { version: number; reason: string }) => api.post<AnnouncementView>(`${V1}/announcements/${enc(id)}/actions/withdraw`, body),
  receipts: (id: string, query: Query) => api.get<AnnouncementReceipts>(`${V1}/announcements/${enc(id)}/reads`, query),
  receiptsExportUrl: (id: string, query: Query) => `${V1}/announcements/${enc(id)}/reads/export.xlsx${queryString(query)}`,
  fileUrl: (id: string, fileId: string) => `${V1}/announcements/${enc(id)}/attachments/${enc(fileId)}`,
  publicList: (query: Query) => api.get<Paged<PublicAnnouncementView>>(`${V1}/public/announcements`, query, { silentAuth: true }),
  publicGet: (id: string) => api.get<PublicAnnouncementView>(`${V1}/public/announcements/${enc(id)}`, undefined, { silentAuth: true }),
  publicFileUrl: (id: string, fileId: string) => `${V1}/public/announcements/${enc(id)}/attachments/${enc(fileId)}`,
};
