// HTTP surface of user accounts: parse → service → reply.
import { Type } from "typebox";
import { IdParams, Paged, ResetPasswordBody, UserCreateBody, UserListQuery, UserUpdateBody, UserView, VersionBody } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { sendWorkbook, type SheetColumn } from "../../platform/excel.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./service.js";

const tags = ["users"];

const ROLE_LABELS: Record<string, string> = {
  bureau: "市人社局",
  supervisor: "管理单位",
  base_staff: "基地工作人员",
  expert: "评审专家",
  professional: "专业技术人员",
  sysadmin: "系统管理员",
  secadmin: "安全管理员",
  auditor: "安全审计员",
};

const userSheet: SheetColumn<UserView>[] = [
  { header: "用户名", value: (u) => u.username },
  { header: "姓名", value: (u) => u.displayName },
  { header: "所属单位", width: 36, value: (u) => u.orgName },
  { header: "工作单位", width: 36, value: (u) => u.employer ?? "" },
  { header: "角色", width: 28, value: (u) => u.roles.map((r) => ROLE_LABELS[r] ?? r).join("、") },
  { header: "状态", value: (u) => (u.status === "active" ? "正常" : "停用") },
  { header: "手机号（脱敏）", value: (u) => u.phone },
  { header: "最近登录", kind: "datetime", value: (u) => u.lastLoginAt },
];

export function userRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/users",
    { config: { grant: "user.read" }, schema: { tags, summary: "List users (?role=, ?kind=staff|professional filters)", querystring: UserListQuery, response: { 200: Paged(UserView), ...errorResponses } } },
    async (req) => service.listUsers(actorCtx(p, req), req.query),
  );
  r.get(
    "/api/v1/users/export.xlsx",
    { config: { grant: "user.read" }, schema: { tags, summary: "Export users to Excel", querystring: Type.Omit(UserListQuery, ["page", "pageSize"]) } },
    async (req, reply) => sendWorkbook(reply, "用户名单.xlsx", "用户", userSheet, await service.exportUsers(actorCtx(p, req), req.query)),
  );
  r.get(
    "/api/v1/users/:id",
    { config: { grant: "user.read" }, schema: { tags, params: IdParams, response: { 200: UserView, ...errorResponses } } },
    async (req) => service.getUser(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/users",
    { config: { grant: "user.create" }, schema: { tags, body: UserCreateBody, response: { 201: UserView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await service.createUser(actorCtx(p, req), req.body)),
  );
  r.patch(
    "/api/v1/users/:id",
    { config: { grant: "user.update" }, schema: { tags, params: IdParams, body: UserUpdateBody, response: { 200: UserView, ...errorResponses } } },
    async (req) => service.updateUser(actorCtx(p, req), req.params.id, req.body),
  );
  for (const [action, status] of [["disable", "disabled"], ["enable", "active"]] as const) {
    r.post(
      `/api/v1/users/:id/actions/${action}`,
      { config: { grant: "user.disable" }, schema: { tags, params: IdParams, body: VersionBody, response: { 200: UserView, ...errorResponses } } },
      async (req) => service.setUserStatus(actorCtx(p, req), req.params.id, req.body.version, status),
    );
  }
  r.post(
    "/api/v1/users/:id/actions/reset-password",
    { config: { grant: "user.resetPassword" }, schema: { tags, params: IdParams, body: ResetPasswordBody, response: { 200: UserView, ...errorResponses } } },
    async (req) => service.resetPassword(actorCtx(p, req), req.params.id, req.body.password),
  );
  r.post(
    "/api/v1/users/:id/actions/unlock",
    { config: { grant: "user.unlock" }, schema: { tags, params: IdParams, body: VersionBody, response: { 200: UserView, ...errorResponses } } },
    async (req) => service.unlockUser(actorCtx(p, req), req.params.id, req.body.version),
  );
}
