// Typed calls of the compliance forecast (第二十四条): my forecast and the bureau's list of people likely to miss the year.
import { api, queryString, type Query } from "./client";
import type { Paged } from "../../shared/api.js";
import type { AtRiskProfessionalView, ForecastView } from "../../shared/forecast.js";

export type { AtRiskProfessionalView, ForecastCourse, ForecastView } from "../../shared/forecast.js";

const AT_RISK = "/api/v1/statistics/at-risk-professionals";

export const forecastApi = {
  mine: (year: number) => api.get<ForecastView>("/api/v1/me/forecast", { year }),
  atRisk: (query: Query) => api.get<Paged<AtRiskProfessionalView>>(AT_RISK, query),
  atRiskExportUrl: (query: Query) => `${AT_RISK}/export.xlsx${queryString(query)}`,
};
