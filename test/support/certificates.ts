// Certificates issued through the one issuing path (completion calls it), without walking a whole
// course: for suites about verification, serials and keys (issue 10 items 11 and 12).
import { issueCertificate } from "../../src/server/modules/delivery/certificates.js";
import { inTransaction, type Ctx } from "../../src/server/platform/context.js";
import type { TestServer } from "./harness.js";

export const systemCtxOf = (s: TestServer): Ctx => ({ ...s.app.platform, actor: null, ip: null });

/** A signed certificate of the project for the person, issued now with the active key. */
export async function givenCertificate(s: TestServer, projectId: string, professionalId: string, holderName = "周晓梅"): Promise<{ id: string; serial: string }> {
  const ctx = systemCtxOf(s);
  const issuedOn = ctx.clock.nowIso().slice(0, 10);
  return inTransaction(ctx, (trx) =>
    issueCertificate(trx, ctx, {
      projectId,
      professionalId,
      content: {
        holderName,
        holderIdNumberMasked: "3710**********1234",
        projectId,
        projectTitle: "智能制造专题培训",
        filingNo: "威继备〔2026〕1号",
        subjectType: "professional",
        hours: 12,
        startDate: "2026-12-14",
        endDate: "2026-12-15",
        baseName: "备案测试继续教育基地",
        issuedOn,
      },
    }),
  );
}
