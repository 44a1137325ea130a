// Fixture builder of the accreditation domain: drives an application through the real API to a status.
import { completeForm } from "../../src/server/demo/forms.js";
import { idOf, type Client, type TestServer } from "./harness.js";

export interface Cast {
  base: Client;
  supervisor: Client;
  bureau: Client;
  expert1: Client;
  expert2: Client;
  expert3: Client;
  supervisorOrgId: string;
  expertIds: { expert1: string; expert2: string; expert3: string };
}

export async function cast(s: TestServer): Promise<Cast> {
  const [base, supervisor, bureau, expert1, expert2, expert3] = await Promise.all(
    ["base", "supervisor", "bureau", "expert1", "expert2", "expert3"].map((u) => s.as(u)),
  );
  const supervisorOrgId = await idOf(bureau, "organizations", (o) => o.name === "威海市环翠区人力资源和社会保障局");
  const ids = await bureau.get("/api/v1/users?role=expert");
  const byName = (u: string) => ids.body.items.find((x: any) => x.username === u).id;
  return { base, supervisor, bureau, expert1, expert2, expert3, supervisorOrgId, expertIds: { expert1: byName("expert1"), expert2: byName("expert2"), expert3: byName("expert3") } };
}

export const STEPS = ["draft", "submitted", "recommended", "accepted", "under_review", "reviewed", "in_notice", "published"] as const;
export type Stage = (typeof STEPS)[number];

let counter = 0;

/** An application of `base` (supervised by `supervisor`) driven to the stage named. */
export async function givenApplication(c: Cast, stage: Stage, name?: string): Promise<any> {
  counter++;
  const form = completeForm({
    baseName: name ?? `测试继续教育基地${counter}`,
    district: "环翠区",
    specialties: ["智能制造", "海洋工程"],
    contactName: "张海涛",
    contactPhone: "13806310004",
  });
  let app = (await c.base.post("/api/v1/base-applications", { supervisorOrgId: c.supervisorOrgId, form })).body;
  const step = async (who: Client, action: string, body: Record<string, unknown> = {}) => {
    const res = await who.post(`/api/v1/base-applications/${app.id}/actions/${action}`, { version: app.version, ...body });
    if (res.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(res.body)}`);
    app = res.body;
  };
  const upTo = STEPS.indexOf(stage);
  if (upTo >= 1) await step(c.base, "submit");
  if (upTo >= 2) await step(c.supervisor, "recommend", { comment: "同意推荐" });
  if (upTo >= 3) await step(c.bureau, "accept");
  if (upTo >= 4) await step(c.bureau, "open-review", { expertUserIds: [c.expertIds.expert1, c.expertIds.expert2] });
  if (upTo >= 5) {
    for (const [expert, score] of [[c.expert1, 90], [c.expert2, 80]] as const) {
      const res = await expert.post(`/api/v1/base-applications/${app.id}/reviews`, {
        noConflictDeclared: true,
        scores: { teachers: score, management: score, facilities: score, experience: score, leadership: score },
        recommendation: "approve",
        comment: "条件具备",
      });
      if (res.status !== 200) throw new Error(`review failed: ${JSON.stringify(res.body)}`);
    }
    app = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body;
  }
  if (upTo >= 6) await step(c.bureau, "approve");
  return app;
}
