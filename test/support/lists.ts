// Rows in bulk for the list tests (issue 13 item 3): people and projects written straight into the
// tables in batches, so a list of ten thousand rows costs seconds, not ten thousand API calls.
import { newId } from "../../src/server/platform/ids.js";
import type { TestServer } from "./harness.js";

const BATCH = 400;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export interface PersonRow {
  name: string;
  createdAt: string;
}

/** Professionals (an account and a profile each) in the registry's organization; their ids in the order given. */
export async function givenPeopleRows(s: TestServer, people: PersonRow[]): Promise<string[]> {
  const db = s.app.platform.db;
  const org = await db
    .selectFrom("users")
    .innerJoin("professionals", "professionals.id", "users.id")
    .select("users.orgId")
    .executeTakeFirstOrThrow(() => new Error("sign one person up first: the rows join the registry's organization"));
  const rows = people.map((p) => ({ id: newId(), ...p }));
  await inBatches(rows, (batch) =>
    db
      .insertInto("users")
      .values(
        batch.map((r) => ({
          id: r.id,
          username: `bulk_${r.id.replace(/-/g, "")}`,
          displayName: r.name,
          orgId: org.orgId,
          passwordHash: "!",
          mustChangePassword: 0,
          failedLogins: 0,
          lockedUntil: null,
          disabledAt: null,
          phone: null,
          phoneEnc: null,
          phoneMasked: null,
          idNumber: null,
          idNumberEnc: null,
          idNumberHash: null,
          idNumberMasked: null,
          lastLoginAt: null,
          passwordChangedAt: null,
          createdAt: r.createdAt,
          updatedAt: r.createdAt,
          version: 1,
        })),
      )
      .execute(),
  );
  await inBatches(rows, (batch) =>
    db
      .insertInto("professionals")
      .values(batch.map((r) => ({ id: r.id, employer: "威海市立医院", title: "", specialty: "", createdBy: null, createdAt: r.createdAt, updatedAt: r.createdAt, version: 1 })))
      .execute(),
  );
  return rows.map((r) => r.id);
}

export interface ProjectRow {
  title: string;
  startDate: string;
}

/** Filed projects of the base; their ids in the order given. */
export async function givenProjectRows(s: TestServer, baseId: string, projects: ProjectRow[]): Promise<string[]> {
  const now = s.clock.nowIso();
  const rows = projects.map((p) => ({ id: newId(), ...p }));
  await inBatches(rows, (batch) =>
    s.app.platform.db
      .insertInto("trainingProjects")
      .values(
        batch.map((r) => ({
          id: r.id,
          baseId,
          annualPlanId: null,
          planItemKey: null,
          adHoc: 1,
          adHocReason: "测试",
          status: "filed",
          title: r.title,
          subjectType: "professional",
          specialty: "智能制造",
          startDate: r.startDate,
          endDate: r.startDate,
          hours: 6,
          mode: "offline",
          venue: "威海市环翠区文化中路 88 号",
          capacity: 60,
          feeFen: 0,
          teachers: "[]",
          description: "",
          filingNo: `BULK-${r.id}`,
          filedAt: now,
          concludedAt: null,
          concludedBy: null,
          createdBy: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })),
      )
      .execute(),
  );
  return rows.map((r) => r.id);
}
