// Typed calls of risk flags (风险提示, issue 12 item 4): the scoped list, one flag, dismiss, convert, scan.
import type { Paged } from "../../../shared/api.js";
import type { RiskFlagConvertBody, RiskFlagDismissBody, RiskFlagListItem, RiskFlagView, RiskScanResult } from "../../../shared/supervision/risk-flags.js";
import { api, type Query } from "../client";

const V1 = "/api/v1";
const enc = encodeURIComponent;

export const riskFlagApi = {
  list: (query: Query) => api.get<Paged<RiskFlagListItem>>(`${V1}/risk-flags`, query),
  get: (id: string) => api.get<RiskFlagView>(`${V1}/risk-flags/${enc(id)}`),
  dismiss: (id: string, body: RiskFlagDismissBody) => api.post<RiskFlagView>(`${V1}/risk-flags/${enc(id)}/actions/dismiss`, body),
  convert: (id: string, body: RiskFlagConvertBody) => api.post<RiskFlagView>(`${V1}/risk-flags/${enc(id)}/actions/convert`, body),
  scan: () => api.post<RiskScanResult>(`${V1}/risk-flags/actions/scan`, {}),
};
