// The compliance forecast (第二十四条; 人社部令第25号 第八条): what a professional still needs this year,
// the filed courses that would close the gap, and the bureau's list of people likely to miss the year.
import { Type, type Static } from "typebox";
import { Nullable, PageQuery } from "./api.js";
import { ProjectCategorySchema, SubjectTypeSchema } from "./filing.js";

const Hours = Type.Object({ generalHours: Type.Number(), professionalHours: Type.Number(), totalHours: Type.Number() });
export type Hours = Static<typeof Hours>;

export const ForecastCourse = Type.Object({
  projectId: Type.String(),
  title: Type.String(),
  subjectType: SubjectTypeSchema,
  /** the filed hours of the course */
  hours: Type.Number(),
  /** what the course would add to the record, after the daily cap on each of its days */
  countedHours: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
  baseName: Type.String(),
  category: ProjectCategorySchema,
  placesLeft: Type.Integer(),
  feeFen: Type.Integer(),
});
export type ForecastCourse = Static<typeof ForecastCourse>;

export const EnrolledCourse = Type.Object({
  projectId: Type.String(),
  title: Type.String(),
  subjectType: SubjectTypeSchema,
  hours: Type.Number(),
  countedHours: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
});

export const ForecastView = Type.Object({
  year: Type.Integer(),
  professionalId: Type.String(),
  /** the business date the forecast is made on */
  asOf: Type.String(),
  required: Hours,
  /** hours counted in the record so far */
  earned: Hours,
  /** required − earned, per kind (never negative): "this year you still need …" */
  shortfall: Hours,
  /** courses the person is enrolled in that have not been credited yet, within the year */
  enrolled: Type.Object({ ...Hours.properties, courses: Type.Array(EnrolledCourse) }),
  /** the shortfall once the enrolled courses are credited */
  remaining: Hours,
  /** days left in the year after today (the days a course may still be held on) */
  remainingDays: Type.Integer(),
  maxHoursPerDay: Type.Number(),
  /** the year's requirement is met by the counted hours */
  met: Type.Boolean(),
  /** not met yet, but the enrolled courses cover it */
  coveredByEnrolled: Type.Boolean(),
  /** the suggestions together close the remaining gap */
  closesGap: Type.Boolean(),
  /** best first: see suggestCourses (src/server/modules/forecast/suggest.ts) */
  suggestions: Type.Array(ForecastCourse),
});
export type ForecastView = Static<typeof ForecastView>;

export const ForecastQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2099 })) }, { additionalProperties: false });

export const AtRiskFilter = {
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2099 })),
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "the region of the employer's organization on the platform, else of the account's" })),
  employer: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "part of the employer's name" })),
  specialty: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
};
export const AtRiskQuery = Type.Object({ ...PageQuery, ...AtRiskFilter }, { additionalProperties: false });
export type AtRiskQuery = Static<typeof AtRiskQuery>;
export const AtRiskExportQuery = Type.Object(AtRiskFilter, { additionalProperties: false });

export const AtRiskProfessionalView = Type.Object({
  professionalId: Type.String(),
  name: Type.String(),
  idNumber: Nullable(Type.String({ description: "masked" })),
  employer: Type.String(),
  specialty: Type.String(),
  district: Type.String(),
  earned: Hours,
  /** hours of enrolled courses still to come in the year */
  enrolledHours: Type.Number(),
  /** required − earned − enrolled, per kind (never negative) */
  shortfall: Hours,
});
export type AtRiskProfessionalView = Static<typeof AtRiskProfessionalView>;
