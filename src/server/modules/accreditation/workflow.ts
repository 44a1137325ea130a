// The accreditation workflow of 第五条, declared once as data: who may take which step from which
// status, with the article it carries out. The engine (platform/workflow.ts) runs it.
import { missingParts } from "../../../shared/accreditation.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { defineWorkflow, requireComment, type StepInput } from "../../platform/workflow.js";
import { withDraft } from "../../platform/authz.js";
import { loadApplication, type ApplicationRecord } from "./queries.js";
import { checkAllReviewed, checkPanel, seatPanel } from "./panel.js";
import { checkNoticeOver, createBase, openNotice } from "./notice.js";

async function formComplete(_trx: Tx, _ctx: Ctx, r: ApplicationRecord, input: StepInput) {
  // Offered on an incomplete draft too: submitting is what names the missing parts.
  if (input.probe) return;
  const missing = missingParts(r.form);
  if (missing.length) throw new DomainError("FORM_INCOMPLETE", { missing, count: missing.length });
}

const commentRequired = requireComment;

const expertIds = (input: StepInput) => (input.payload?.expertUserIds as string[] | undefined) ?? [];

export const accreditationWorkflow = defineWorkflow<ApplicationRecord>({
  resourceType: "baseApplication",
  table: "baseApplications",
  initial: "draft",
  scopeOf: (r) => withDraft({ orgId: r.applicantOrgId, supervisorOrgId: r.supervisorOrgId, panelUserIds: r.panelUserIds }, r.status),
  load: loadApplication,
  transitions: [
    {
      from: ["draft", "returned"],
      action: "submit",
      to: "submitted",
      roles: ["base_staff"],
      article: "第五条（一）",
      guard: formComplete,
      effect: async (trx, ctx, r) => {
        await trx.updateTable("baseApplications").set({ submittedAt: ctx.clock.nowIso() }).where("id", "=", r.id).execute();
      },
    },
    { from: "submitted", action: "recommend", to: "recommended", roles: ["supervisor"], article: "第五条（二）" },
    { from: "submitted", action: "return", to: "returned", roles: ["supervisor"], article: "第五条（二）", guard: commentRequired },
    { from: "submitted", action: "reject", to: "rejected", roles: ["supervisor"], article: "第五条（二）", guard: commentRequired },
    { from: "recommended", action: "return", to: "returned", roles: ["bureau"], article: "第五条（三）", guard: commentRequired },
    { from: ["recommended", "accepted", "under_review"], action: "reject", to: "rejected", roles: ["bureau"], article: "第五条（三）", guard: commentRequired },
    { from: "recommended", action: "accept", to: "accepted", roles: ["bureau"], article: "第五条（三）" },
    {
      from: "accepted",
      action: "open-review",
      to: "under_review",
      roles: ["bureau"],
      article: "第五条（三）",
      guard: async (trx, _ctx, r, input) => {
        if (!input.probe) await checkPanel(trx, r, expertIds(input));
      },
      effect: (trx, ctx, r, input) => seatPanel(trx, ctx, r, expertIds(input)),
    },
    {
      from: "under_review",
      action: "approve",
      to: "in_notice",
      roles: ["bureau"],
      article: "第五条（三）",
      guard: (trx, _ctx, r) => checkAllReviewed(trx, r),
      effect: openNotice,
    },
    { from: "in_notice", action: "object", to: "objection_pending", roles: [], system: true, article: "第五条（三）" },
    { from: "objection_pending", action: "objections-cleared", to: "in_notice", roles: [], system: true, article: "第五条（三）" },
    { from: "objection_pending", action: "objection-upheld-return", to: "returned", roles: [], system: true, article: "第五条（三）" },
    { from: "objection_pending", action: "objection-upheld-reject", to: "rejected", roles: [], system: true, article: "第五条（三）" },
    {
      from: "in_notice",
      action: "publish",
      to: "published",
      roles: ["bureau"],
      article: "第五条（四）",
      guard: checkNoticeOver,
      effect: createBase,
    },
  ],
});
