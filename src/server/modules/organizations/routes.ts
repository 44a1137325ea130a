// HTTP surface of organizations: parse → service → reply.
import { Type } from "typebox";
import {
  IdParams,
  OrganizationCreateBody,
  OrganizationListQuery,
  OrganizationUpdateBody,
  OrganizationView,
  Paged,
  VersionBody,
} from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { sendWorkbook } from "../../platform/excel.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./service.js";
import { orgSheetColumns } from "./sheet.js";

const tags = ["organizations"];

export function organizationRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/organizations",
    { config: { grant: "organization.read" }, schema: { tags, summary: "List organizations", querystring: OrganizationListQuery, response: { 200: Paged(OrganizationView), ...errorResponses } } },
    async (req) => service.listOrganizations(actorCtx(p, req), req.query),
  );
  r.get(
    "/api/v1/organizations/export.xlsx",
    { config: { grant: "organization.read" }, schema: { tags, summary: "Export organizations to Excel", querystring: Type.Omit(OrganizationListQuery, ["page", "pageSize"]) } },
    async (req, reply) => {
      const rows = await service.exportOrganizations(actorCtx(p, req), req.query);
      return sendWorkbook(reply, "单位名录.xlsx", "单位", orgSheetColumns, rows);
    },
  );
  r.get(
    "/api/v1/organizations/:id",
    { config: { grant: "organization.read" }, schema: { tags, params: IdParams, response: { 200: OrganizationView, ...errorResponses } } },
    async (req) => service.getOrganization(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/organizations",
    { config: { grant: "organization.create" }, schema: { tags, body: OrganizationCreateBody, response: { 201: OrganizationView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await service.createOrganization(actorCtx(p, req), req.body)),
  );
  r.patch(
    "/api/v1/organizations/:id",
    { config: { grant: "organization.update" }, schema: { tags, params: IdParams, body: OrganizationUpdateBody, response: { 200: OrganizationView, ...errorResponses } } },
    async (req) => service.updateOrganization(actorCtx(p, req), req.params.id, req.body),
  );
  for (const [action, status] of [["disable", "disabled"], ["enable", "active"]] as const) {
    r.post(
      `/api/v1/organizations/:id/actions/${action}`,
      { config: { grant: "organization.disable" }, schema: { tags, params: IdParams, body: VersionBody, response: { 200: OrganizationView, ...errorResponses } } },
      async (req) => service.setOrganizationStatus(actorCtx(p, req), req.params.id, req.body.version, status),
    );
  }
}
