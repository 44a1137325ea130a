// Typed calls of comprehensive reviews and 双随机 spot checks (第十九条), signed-in and public (一公开).
import { api, type Query } from "../client";
import type { Paged } from "../../../shared/api.js";
import type {
  OutcomeInput,
  PublicSpotCheckItem,
  PublicSpotCheckView,
  SpotCheckCreate,
  SpotCheckListItem,
  SpotCheckVerifyView,
  SpotCheckView,
} from "../../../shared/supervision/spot-checks.js";

export type {
  Outcome,
  OutcomeInput,
  OutcomeView,
  PublicResult,
  PublicSpotCheckItem,
  PublicSpotCheckView,
  SpotCheckCreate,
  SpotCheckKind,
  SpotCheckListItem,
  SpotCheckStatus,
  SpotCheckVerifyView,
  SpotCheckView,
} from "../../../shared/supervision/spot-checks.js";

const BASE = "/api/v1/spot-checks";
const PUBLIC = "/api/v1/public/spot-checks";
const enc = encodeURIComponent;

export const spotCheckApi = {
  list: (query: Query) => api.get<Paged<SpotCheckListItem>>(BASE, query),
  get: (id: string) => api.get<SpotCheckView>(`${BASE}/${enc(id)}`),
  create: (body: SpotCheckCreate) => api.post<SpotCheckView>(BASE, body),
  verify: (id: string) => api.get<SpotCheckVerifyView>(`${BASE}/${enc(id)}/verify`),
  decide: (id: string, baseId: string, body: OutcomeInput) => api.put<SpotCheckView>(`${BASE}/${enc(id)}/outcomes/${enc(baseId)}`, body),
  act: (id: string, action: string, body: { version: number; comment?: string }) => api.post<SpotCheckView>(`${BASE}/${enc(id)}/actions/${enc(action)}`, body),
};

export const publicSpotCheckApi = {
  list: (query: Query) => api.get<Paged<PublicSpotCheckItem>>(PUBLIC, query, { silentAuth: true }),
  get: (id: string) => api.get<PublicSpotCheckView>(`${PUBLIC}/${enc(id)}`, undefined, { silentAuth: true }),
  verify: (id: string) => api.get<SpotCheckVerifyView>(`${PUBLIC}/${enc(id)}/verify`, undefined, { silentAuth: true }),
};
