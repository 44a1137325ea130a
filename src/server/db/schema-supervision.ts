// Row types of the supervision tables (migration 005), in camelCase like schema.ts.

export interface BaseNameHistoryTable {
  id: string;
  baseId: string;
  name: string;
  hostOrgName: string;
  plaqueSerial: string;
  validFrom: string;
  validTo: string;
  changeReportId: string | null;
}

export interface InspectionSchemesTable {
  id: string;
  supervisorOrgId: string;
  year: number;
  /** JSON: the criteria under the six dimensions of 第十八条. */
  criteria: string;
  /** JSON: grade bands, highest first. */
  gradeBands: string;
  measuresFileId: string | null;
  measuresFileName: string | null;
  note: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface InspectionsTable {
  id: string;
  baseId: string;
  supervisorOrgId: string;
  year: number;
  status: string;
  /** JSON: the scheme as it stood when the inspection was opened. */
  scheme: string;
  /** JSON: the platform's facts per dimension. */
  facts: string;
  /** JSON: score, comment and evidence per criterion. */
  scores: string;
  totalScore: number | null;
  grade: string | null;
  summary: string;
  answer: string | null;
  answerFileIds: string;
  answerDue: string | null;
  submittedAt: string | null;
  answeredAt: string | null;
  finalizedAt: string | null;
  finalComment: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SpotChecksTable {
  id: string;
  year: number;
  kind: string;
  status: string;
  title: string;
  seed: string;
  algorithm: string;
  baseCount: number;
  inspectorCount: number;
  baseCandidates: string;
  inspectorCandidates: string;
  drawnBases: string;
  drawnInspectors: string;
  publishedAt: string | null;
  concludedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SupervisionOutcomesTable {
  id: string;
  spotCheckId: string;
  baseId: string;
  inspectionId: string | null;
  inspectionScore: number | null;
  bureauScore: number | null;
  outcome: string | null;
  comment: string;
  goodPractice: string | null;
  /** JSON: {rectification: {items, deadline}} or {revocation: {reason, basis}}, acted on at conclusion. */
  details: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface RectificationOrdersTable {
  id: string;
  baseId: string;
  status: string;
  /** JSON: the items to rectify, each with the base's report and evidence. */
  items: string;
  deadline: string;
  overdueAt: string | null;
  sourceType: string | null;
  sourceId: string | null;
  reportNote: string | null;
  supervisorOpinion: string | null;
  reportedAt: string | null;
  acceptedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ViolationsTable {
  id: string;
  baseId: string;
  kind: string;
  status: string;
  facts: string;
  evidenceFileIds: string;
  responsiblePersons: string;
  projectId: string | null;
  basis: string | null;
  decisionNo: string | null;
  decisionComment: string | null;
  reportedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DishonestyRecordsTable {
  id: string;
  violationId: string;
  baseId: string;
  orgId: string;
  orgName: string;
  creditCode: string;
  legalRepresentative: string;
  decisionNo: string;
  violationType: string;
  facts: string;
  basis: string;
  penaltyCategory: string;
  penaltyContent: string;
  decisionDate: string;
  publicityUntil: string;
  authority: string;
  authorityCreditCode: string;
  dataSource: string;
  remark: string;
  createdAt: string;
}

export interface ChangeReportsTable {
  id: string;
  baseId: string;
  status: string;
  /** JSON; a `contactPhone` in it is masked, the whole one sealed in contactPhoneEnc (011). */
  changes: string;
  /** JSON; a `contactPhone` in it is masked, the whole one sealed in previousContactPhoneEnc (011). */
  previous: string;
  contactPhoneEnc: string | null;
  previousContactPhoneEnc: string | null;
  reason: string;
  evidenceFileIds: string;
  priorSupervisorOrgId: string;
  newSupervisorOrgId: string | null;
  decisionComment: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SupervisionTables {
  baseNameHistory: BaseNameHistoryTable;
  inspectionSchemes: InspectionSchemesTable;
  inspections: InspectionsTable;
  spotChecks: SpotChecksTable;
  supervisionOutcomes: SupervisionOutcomesTable;
  rectificationOrders: RectificationOrdersTable;
  violations: ViolationsTable;
  dishonestyRecords: DishonestyRecordsTable;
  changeReports: ChangeReportsTable;
}
