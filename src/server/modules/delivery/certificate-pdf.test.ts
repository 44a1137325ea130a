// The certificate's wording (issue 11 item 12): a one-day course names one date, and what the person
// did to complete follows how completion was decided (attendance → 完成规定学时, assessment → 经考核合格).
import { describe, expect, it } from "vitest";
import type { CertificateContent, CertificateView } from "../../../shared/delivery.js";
import { inspectPdf } from "../../platform/pdf.js";
import { renderCertificatePdf } from "./certificate-pdf.js";

const content: CertificateContent = {
  serial: "JJZS-2025-000001-ABCDEF",
  holderName: "周晓东",
  holderIdNumberMasked: "3710**********123X",
  projectId: "p1",
  projectTitle: "智能制造专题培训",
  filingNo: "威继备〔2025〕1号",
  subjectType: "professional",
  hours: 6,
  startDate: "2025-06-16",
  endDate: "2025-06-16",
  baseName: "威海职业学院继续教育基地",
  issuedOn: "2025-06-16",
};

async function bodyOf(c: Partial<CertificateContent>): Promise<string> {
  const certificate = {
    id: "c1",
    serial: content.serial,
    professionalId: "u1",
    content: { ...content, ...c },
    status: "valid",
    issuedAt: "2025-06-16T09:00:00.000Z",
    revokedAt: null,
    revokedReason: null,
    verifyUrl: "https://cebase.example/verify/certificates/JJZS-2025-000001-ABCDEF",
    signature: "x",
    keyId: "k1",
    availableActions: [],
    version: 1,
  } satisfies CertificateView;
  const pdf = await inspectPdf(await renderCertificatePdf({ certificate, keyId: "k1", fingerprint: "0000-0000-0000-0000", cityName: "威海市" }));
  return pdf.pages[0].replace(/\s+/g, "");
}

describe("the certificate's wording", () => {
  it("names the one day of a one-day course, without 至", async () => {
    const body = await bodyOf({ completionBasis: "attendance" });
    expect(body).toContain("于2025年6月16日参加威海职业学院继续教育基地举办的");
    expect(body).not.toContain("至");
  });

  it("names the first and last day of a longer course", async () => {
    expect(await bodyOf({ endDate: "2025-06-17" })).toContain("于2025年6月16日至2025年6月17日参加");
  });

  it("says 完成规定学时 when completion was decided by attendance, and for certificates that recorded no basis", async () => {
    for (const completionBasis of ["attendance", undefined] as const) {
      const body = await bodyOf({ completionBasis });
      expect(body).toContain("完成规定学时，准予结业");
      expect(body).not.toContain("经考核合格");
    }
  });

  it("says 经考核合格 when completion was decided by an assessment", async () => {
    const body = await bodyOf({ completionBasis: "assessment" });
    expect(body).toContain("经考核合格，准予结业");
    expect(body).not.toContain("完成规定学时");
  });
});
