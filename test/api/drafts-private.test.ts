// A draft belongs to its author until submitted: the bureau, the supervising unit and the experts do
// not see an unsubmitted application, plan or project, in lists or by id; once submitted they do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cast, givenApplication, type Cast } from "../support/accreditation.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { expectError, filingCast, givenActiveBase, givenDraftProject, givenPlan, ok, setToday, type FilingCast } from "../support/filing.js";

describe.each(dialects)("drafts are private on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let a: Cast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    a = await cast(s);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const ids = async (who: Client, path: string) => ok(await who.get(`${path}${path.includes("?") ? "&" : "?"}pageSize=200`)).items.map((x: any) => x.id);

  async function expectOnlyAuthorSees(path: string, record: any, author: Client, others: Client[]) {
    expect(await ids(author, path)).toContain(record.id);
    ok(await author.get(`${path}/${record.id}`));
    for (const who of others) {
      expect(await ids(who, path)).not.toContain(record.id);
      expectError(await who.get(`${path}/${record.id}`), 404, "NOT_FOUND");
    }
  }

  it("hides a base's draft plan and draft project from its supervising unit and the bureau until submitted", async () => {
    const base = await givenActiveBase(c);
    const plan = await givenPlan(c, base, 2027, "draft");
    const project = await givenDraftProject(base);
    await expectOnlyAuthorSees("/api/v1/annual-plans", plan, base.staff, [c.bureau, base.supervisor]);
    await expectOnlyAuthorSees("/api/v1/training-projects", project, base.staff, [c.bureau, base.supervisor]);
    expect(ok(await c.bureau.get(`/api/v1/annual-plans?baseId=${base.id}&status=draft`)).total).toBe(0);

    ok(await base.staff.post(`/api/v1/annual-plans/${plan.id}/actions/submit`, { version: plan.version }));
    ok(await base.staff.post(`/api/v1/training-projects/${project.id}/actions/submit`, { version: project.version }));
    for (const who of [c.bureau, base.supervisor]) {
      expect(await ids(who, "/api/v1/annual-plans")).toContain(plan.id);
      expect(await ids(who, "/api/v1/training-projects")).toContain(project.id);
    }
  });

  it("hides an applicant's draft application from the supervising unit, the bureau and the experts until submitted", async () => {
    const draft = await givenApplication(a, "draft");
    await expectOnlyAuthorSees("/api/v1/base-applications", draft, a.base, [a.bureau, a.supervisor, a.expert1]);
    ok(await a.base.post(`/api/v1/base-applications/${draft.id}/actions/submit`, { version: draft.version }));
    expect(await ids(a.supervisor, "/api/v1/base-applications")).toContain(draft.id);
    expect(await ids(a.bureau, "/api/v1/base-applications")).toContain(draft.id);
  });
});
