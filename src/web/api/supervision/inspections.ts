// Typed calls of inspection schemes and annual inspections (第十四条, 第十八条).
import { api, queryString, type Query } from "../client";
import type { Paged } from "../../../shared/api.js";
import type {
  InspectableBase,
  InspectionListItem,
  InspectionPatchBody,
  InspectionStepBody,
  InspectionView,
  SchemeInput,
  SchemeView,
} from "../../../shared/supervision/inspections.js";

export type {
  CriterionView,
  DimensionKey,
  DimensionView,
  Grade,
  GradeBand,
  InspectableBase,
  InspectionFacts,
  InspectionListItem,
  InspectionStatus,
  InspectionView,
  SchemeCriterion,
  SchemeInput,
  SchemeView,
} from "../../../shared/supervision/inspections.js";

const V1 = "/api/v1";
const INSPECTIONS = `${V1}/inspections`;
const SCHEMES = `${V1}/inspection-schemes`;
const enc = encodeURIComponent;

export const inspectionSchemeApi = {
  get: (year: number, supervisorOrgId?: string) => api.get<SchemeView>(SCHEMES, { year, supervisorOrgId }),
  put: (year: number, body: SchemeInput) => api.put<SchemeView>(`${SCHEMES}/${year}`, body),
  measuresUrl: (year: number, supervisorOrgId?: string) => `${SCHEMES}/${year}/measures${queryString({ supervisorOrgId })}`,
};

export const inspectionApi = {
  list: (query: Query) => api.get<Paged<InspectionListItem>>(INSPECTIONS, query),
  exportUrl: (query: Query) => `${INSPECTIONS}.xlsx${queryString(query)}`,
  candidates: (year: number) => api.get<{ items: InspectableBase[] }>(`${INSPECTIONS}/candidates`, { year }),
  create: (baseId: string, year: number) => api.post<InspectionView>(INSPECTIONS, { baseId, year }),
  get: (id: string) => api.get<InspectionView>(`${INSPECTIONS}/${enc(id)}`),
  update: (id: string, body: InspectionPatchBody) => api.patch<InspectionView>(`${INSPECTIONS}/${enc(id)}`, body),
  act: (id: string, action: string, body: InspectionStepBody) => api.post<InspectionView>(`${INSPECTIONS}/${enc(id)}/actions/${enc(action)}`, body),
  reportUrl: (id: string) => `${INSPECTIONS}/${enc(id)}/report.pdf`,
  fileUrl: (id: string, fileId: string) => `${INSPECTIONS}/${enc(id)}/files/${enc(fileId)}`,
};
