// Issue 10 item 7 (个人信息保护法, 等保 2.0 安全审计): a whole ID number shown to someone other than its
// holder, and every file that lists people, leaves exactly one audit entry (who, what, how many, in what
// form) and never the personal data itself; masked reads, a person's own reads and refusals leave none.
// The data directory and the database files are the server account's alone (0700/0600).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDb } from "../../src/server/platform/db.js";
import { loadSecrets } from "../../src/server/platform/secrets.js";
import { dialects, signedIn, type TestServer } from "../support/harness.js";
import { expectError, filingCast, givenActiveBase, ok, readSheet, setToday, type FilingCast, type TestBase } from "../support/filing.js";
import { givenCheckedIn, givenProfessionals, sessionUrl, startDeliveryServer, type Learner } from "../support/delivery.js";
import { COURSE_END, COURSE_START, completeCourse, enrolPerson, enrolSelf, givenCourse, pdfOf, unzip } from "../support/completion.js";

const PERSONAL_DATA_ACTIONS = [
  "professional.idNumberRevealed",
  "users.exported",
  "enrollments.exported",
  "signInSheet.downloaded",
  "archive.downloaded",
  "certificate.downloaded",
  "hoursStatement.downloaded",
];

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe.each(dialects)("audited personal data reads on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let other: TestBase;
  let course: any;
  let people: Learner[];
  let zhengId: string;
  const url = (p: string) => `/api/v1/training-projects/${course.id}${p}`;

  /** Entries of one action, newest first. */
  const entriesOf = async (action: string): Promise<any[]> => ok(await (await signedIn(c.s, "auditor")).get(`/api/v1/audit-events?action=${action}&pageSize=200`)).items;
  const totalEntries = async (): Promise<number> => ok(await (await signedIn(c.s, "auditor")).get("/api/v1/audit-events?pageSize=1")).total;

  /** Runs `read` and answers the entries of `action` it added (newest first), checking nothing else was written. */
  async function auditedBy(action: string, read: () => Promise<unknown>): Promise<any[]> {
    const [before, total] = [(await entriesOf(action)).length, await totalEntries()];
    await read();
    const after = await entriesOf(action);
    const added = after.slice(0, after.length - before);
    expect(await totalEntries()).toBe(total + added.length);
    return added;
  }

  async function notAudited(read: () => Promise<unknown>): Promise<void> {
    const total = await totalEntries();
    await read();
    expect(await totalEntries()).toBe(total);
  }

  beforeAll(async () => {
    s = await startDeliveryServer(dialect);
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
    other = await givenActiveBase(c, "base2");
    course = await givenCourse(c, home);
    people = await givenProfessionals(s, 2);
    for (const p of people) await enrolSelf(p.client, course.id);
    zhengId = await enrolPerson(home, course.id, "郑海燕");
    // people[0] attends every session and completes; people[1] only the first day; 郑海燕 never comes.
    await setToday(c, COURSE_START);
    for (const session of course.sessions.slice(0, 2)) await givenCheckedIn(home.staff, course.id, session.id, people);
    await setToday(c, COURSE_END);
    for (const session of course.sessions.slice(2)) await givenCheckedIn(home.staff, course.id, session.id, [people[0]]);
    await completeCourse(c, home, course.id);
  });
  afterAll(() => s.close());

  it("audits the bureau revealing a person's whole ID number, naming the person but not the number", async () => {
    const [entry] = await auditedBy("professional.idNumberRevealed", async () => {
      expect(ok(await c.bureau.post(`/api/v1/professionals/${people[0].id}/actions/reveal-id-number`))).toEqual({ idNumber: people[0].idNumber });
    });
    expect(entry).toMatchObject({ actorName: "bureau", resourceType: "professional", resourceId: people[0].id, detail: { count: 1, format: "json" } });
    expect(JSON.stringify(entry)).not.toContain(people[0].idNumber);
    expect(JSON.stringify(entry)).not.toContain(people[0].name);
  });

  it("shows the bureau masked ID numbers on a person's record and in lists, and audits nothing for them", async () => {
    await notAudited(async () => {
      const view = ok(await c.bureau.get(`/api/v1/professionals/${people[0].id}`));
      expect(view).toMatchObject({ revealed: false, canReveal: true });
      expect(view.idNumber).not.toBe(people[0].idNumber);
      const page = ok(await c.bureau.get("/api/v1/professionals?pageSize=5"));
      expect(page.items.length).toBeGreaterThan(1);
      expect(page.items.every((v: any) => !v.revealed && /\*{4}/.test(v.idNumber))).toBe(true);
      for (const p of people) expect(JSON.stringify(page)).not.toContain(p.idNumber);
    });
  });

  it("does not audit masked reads or a person reading their own record", async () => {
    await notAudited(async () => {
      expect(ok(await home.staff.get(`/api/v1/professionals/${people[0].id}`))).toMatchObject({ revealed: false });
      expect(ok(await home.staff.get(url("/enrollments"))).total).toBe(3);
      ok(await home.staff.get(`${sessionUrl(course.id, course.sessions[0].id)}/check-ins`));
      ok(await home.staff.get(url("/certificates")));
      expect(ok(await people[0].client.get("/api/v1/me/professional"))).toMatchObject({ revealed: true, idNumber: people[0].idNumber });
      expect(ok(await people[0].client.get(`/api/v1/professionals/${people[0].id}`))).toMatchObject({ revealed: true });
      ok(await c.bureau.get("/api/v1/users?role=professional"));
    });
  });

  it("audits the users export with how many people it lists", async () => {
    let rows = 0;
    const [entry] = await auditedBy("users.exported", async () => {
      const res = await c.bureau.get("/api/v1/users/export.xlsx?role=professional");
      expect(res.status).toBe(200);
      rows = (await readSheet(res.body)).length - 1;
    });
    expect(rows).toBeGreaterThan(2);
    expect(entry).toMatchObject({ actorName: "bureau", action: "users.exported", resourceType: "user", resourceId: null, detail: { count: rows, format: "xlsx" } });
  });

  it("audits the enrolment list export of a project", async () => {
    const [entry] = await auditedBy("enrollments.exported", async () => {
      const res = await home.staff.get(url("/enrollments.xlsx"));
      expect(res.status).toBe(200);
      expect((await readSheet(res.body)).length - 1).toBe(3);
    });
    expect(entry).toMatchObject({ actorName: "base", resourceType: "trainingProject", resourceId: course.id, detail: { count: 3, format: "xlsx" } });
  });

  it("audits each sign-in sheet download, as PDF and as Excel", async () => {
    const session = course.sessions[0];
    const sheet = (format: string) => home.supervisor.get(`${sessionUrl(course.id, session.id)}/sign-in-sheet.${format}`);
    const [pdf] = await auditedBy("signInSheet.downloaded", async () => expect((await sheet("pdf")).status).toBe(200));
    expect(pdf).toMatchObject({ resourceType: "projectSession", resourceId: session.id, detail: { count: 3, format: "pdf" } });
    const [xlsx] = await auditedBy("signInSheet.downloaded", async () => expect((await sheet("xlsx")).status).toBe(200));
    expect(xlsx).toMatchObject({ resourceType: "projectSession", resourceId: session.id, detail: { count: 3, format: "xlsx" } });
    expect(pdf.actorName).toBe(xlsx.actorName);
  });

  it("audits the archive ZIP once, counting everyone it names, not once per sign-in sheet inside", async () => {
    const sheetsBefore = (await entriesOf("signInSheet.downloaded")).length;
    const [entry] = await auditedBy("archive.downloaded", async () => {
      const zip = await unzip(await c.bureau.get(url("/archive.zip")));
      expect(Object.keys(zip.files).filter((n) => n.startsWith("03-签到表/") && !zip.files[n].dir)).toHaveLength(4);
    });
    expect(entry).toMatchObject({ actorName: "bureau", resourceType: "trainingProject", resourceId: course.id, detail: { count: 3, format: "zip" } });
    expect(await entriesOf("signInSheet.downloaded")).toHaveLength(sheetsBefore);
  });

  it("audits staff printing someone's certificate, not its holder printing their own", async () => {
    const [cert] = ok(await home.staff.get(url("/certificates"))).items;
    expect(cert.professionalId).toBe(people[0].id);
    await notAudited(async () => pdfOf(await people[0].client.get(`/api/v1/certificates/${cert.id}.pdf`)));
    const [entry] = await auditedBy("certificate.downloaded", async () => pdfOf(await home.staff.get(`/api/v1/certificates/${cert.id}.pdf`)));
    expect(entry).toMatchObject({ actorName: "base", resourceType: "certificate", resourceId: cert.id, detail: { count: 1, format: "pdf" } });
  });

  it("audits the bureau printing someone's hours statement, not the person printing their own", async () => {
    const statement = ok(await people[0].client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
    await notAudited(async () => pdfOf(await people[0].client.get(statement.pdfUrl)));
    const [entry] = await auditedBy("hoursStatement.downloaded", async () => pdfOf(await c.bureau.get(statement.pdfUrl)));
    expect(entry).toMatchObject({ actorName: "bureau", resourceType: "hoursStatement", resourceId: statement.id, detail: { count: 1, format: "pdf" } });
  });

  it("writes nothing for a refused read or download", async () => {
    const [cert] = ok(await home.staff.get(url("/certificates"))).items;
    const statement = ok(await people[1].client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
    await notAudited(async () => {
      expectError(await people[1].client.get(`/api/v1/professionals/${people[0].id}`), 404, "NOT_FOUND");
      expectError(await other.staff.get(`/api/v1/professionals/${people[0].id}`), 404, "NOT_FOUND");
      expectError(await people[0].client.get("/api/v1/users/export.xlsx"), 403, "FORBIDDEN");
      expectError(await other.staff.get(url("/enrollments.xlsx")), 404, "NOT_FOUND");
      expectError(await other.staff.get(`${sessionUrl(course.id, course.sessions[0].id)}/sign-in-sheet.pdf`), 404, "NOT_FOUND");
      expectError(await other.staff.get(`${sessionUrl(course.id, course.sessions[0].id)}/sign-in-sheet.xlsx`), 404, "NOT_FOUND");
      expectError(await other.supervisor.get(url("/archive.zip")), 404, "NOT_FOUND");
      expectError(await people[1].client.get(`/api/v1/certificates/${cert.id}.pdf`), 404, "NOT_FOUND");
      expectError(await home.staff.get(statement.pdfUrl), 403, "FORBIDDEN");
      expectError(await people[0].client.get(statement.pdfUrl), 404, "NOT_FOUND");
    });
  });

  it("keeps every such entry to a count and a format: no names, ID numbers or phones", async () => {
    const entries = (await Promise.all(PERSONAL_DATA_ACTIONS.map(entriesOf))).flat();
    expect(new Set(entries.map((e) => e.action))).toEqual(new Set(PERSONAL_DATA_ACTIONS));
    const zheng = ok(await c.bureau.get(`/api/v1/professionals/${zhengId}`));
    const secrets = [...people.flatMap((p) => [p.name, p.idNumber]), zheng.name, zheng.idNumber, zheng.phone].filter(Boolean);
    for (const e of entries) {
      expect(Object.keys(e.detail).sort()).toEqual(["count", "format"]);
      const text = JSON.stringify(e);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it.runIf(dialect === "sqlite")("keeps the running server's database files to its own account (0600)", () => {
    const file = path.join(s.app.platform.config.dataDir, "cebase.sqlite");
    for (const f of [file, `${file}-wal`, `${file}-shm`].filter((x) => fs.existsSync(x))) expect(modeOf(f).toString(8)).toBe("600");
  });
});

describe("data directory and database file modes", () => {
  let root: string;
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const freshRoot = () => (root = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-modes-")));

  it("creates a missing data directory 0700 and the SQLite database, -wal and -shm 0600", async () => {
    const dataDir = path.join(freshRoot(), "nested", "data");
    const handle = openDb({ dataDir });
    try {
      await migrateToLatest(handle.db);
      const file = path.join(dataDir, "cebase.sqlite");
      expect(modeOf(dataDir).toString(8)).toBe("700");
      expect(modeOf(file).toString(8)).toBe("600");
      for (const companion of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(companion)) expect(modeOf(companion).toString(8)).toBe("600");
    } finally {
      await handle.close();
    }
  });

  it("narrows a database file an earlier version left readable to others", async () => {
    const dataDir = freshRoot();
    const file = path.join(dataDir, "cebase.sqlite");
    fs.writeFileSync(file, "");
    fs.chmodSync(file, 0o644);
    const handle = openDb({ dataDir });
    await handle.close();
    expect(modeOf(file).toString(8)).toBe("600");
  });

  it("creates the data directory 0700 and the secret key 0600 when PostgreSQL holds the data", () => {
    const dataDir = path.join(freshRoot(), "data");
    loadSecrets({ dataDir });
    expect(modeOf(dataDir).toString(8)).toBe("700");
    expect(modeOf(path.join(dataDir, "secret.key")).toString(8)).toBe("600");
  });
});
