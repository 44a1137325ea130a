// HTTP surface of the working-day calendar.
import { Type } from "typebox";
import { CalendarDay, CalendarOverrideBody, CalendarYearView, DateString } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./service.js";

const tags = ["calendar"];
const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });

export function calendarRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/calendar/days/:date",
    {
      config: { grant: "calendar.read" },
      schema: {
        tags,
        summary: "Is this date a working day? 422 CALENDAR_YEAR_NOT_COVERED for a year nobody covers",
        params: Type.Object({ date: DateString }, { additionalProperties: false }),
        response: { 200: CalendarDay, ...errorResponses },
      },
    },
    async (req) => service.checkDate(actorCtx(p, req), req.params.date),
  );
  r.get(
    "/api/v1/calendar/workdays-before",
    {
      config: { grant: "calendar.read" },
      schema: {
        tags,
        summary: "The date N working days before a date (第十六条 filing lead time)",
        querystring: Type.Object({ date: DateString, days: Type.Integer({ minimum: 1, maximum: 60 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ date: Type.String(), days: Type.Integer(), result: Type.String() }), ...errorResponses },
      },
    },
    async (req) => service.workdaysBefore(actorCtx(p, req), req.query.date, req.query.days),
  );
  r.get(
    "/api/v1/calendar/:year",
    { config: { grant: "calendar.read" }, schema: { tags, summary: "A year of the calendar", params: YearParams, response: { 200: CalendarYearView, ...errorResponses } } },
    async (req) => service.yearView(actorCtx(p, req), req.params.year),
  );
  r.post(
    "/api/v1/calendar/overrides",
    { config: { grant: "calendar.update" }, schema: { tags, summary: "Set a date's working-day status (bureau)", body: CalendarOverrideBody, response: { 200: CalendarYearView, ...errorResponses } } },
    async (req) => service.putOverride(actorCtx(p, req), req.body),
  );
  r.delete(
    "/api/v1/calendar/overrides/:date",
    { config: { grant: "calendar.update" }, schema: { tags, params: Type.Object({ date: DateString }, { additionalProperties: false }), response: { 200: CalendarYearView, ...errorResponses } } },
    async (req) => service.deleteOverride(actorCtx(p, req), req.params.date),
  );
  r.post(
    "/api/v1/calendar/years/:year/confirm",
    { config: { grant: "calendar.update" }, schema: { tags, summary: "Confirm a year the official package lacks (bureau)", params: YearParams, response: { 200: CalendarYearView, ...errorResponses } } },
    async (req) => service.confirmYear(actorCtx(p, req), req.params.year),
  );
}
