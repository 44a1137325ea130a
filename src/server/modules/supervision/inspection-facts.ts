// 第十八条: the platform's facts about a base's year, per dimension, that an inspection starts from:
// teachers and how attendees rated them, fees against the approved standard (第二十五条), venues and
// modes, plans and filings (第十六条), delivery, attendance, completion, evaluation and archives
// (第十七条). Counted by grouped SQL over the year's projects (class start within the year).
import type { InspectionFacts, TeacherFact } from "../../../shared/supervision/inspections.js";
import { PUBLIC_PROJECT_STATUSES } from "../../../shared/filing.js";
import type { Tx } from "../../platform/db.js";
import { archiveComplete } from "../delivery/archive.js";

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (num: number, den: number) => (den > 0 ? round2(num / den) : null);
const DELIVERED = new Set<string>(PUBLIC_PROJECT_STATUSES);

interface ProjectRow {
  id: string;
  status: string;
  title: string;
  subjectType: string;
  feeFen: number;
  venue: string;
  mode: string;
  capacity: number;
  hours: number;
  teachers: string;
  adHoc: number;
  filingNo: string | null;
  filedAt: string | null;
  createdAt: string;
  description: string;
  endDate: string;
  concludedAt: string | null;
}

type Counts = Map<string, Record<string, number>>;

/** Per-project counts of one grouped query, keyed by project id. */
async function grouped(rows: Promise<Array<{ projectId: string } & Record<string, unknown>>>): Promise<Counts> {
  const out: Counts = new Map();
  for (const r of await rows) {
    const { projectId, ...rest } = r;
    out.set(projectId, Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, Number(v ?? 0)])));
  }
  return out;
}

const get = (m: Counts, id: string, k: string) => m.get(id)?.[k] ?? 0;

export async function computeFacts(trx: Tx, baseId: string, year: number, today: string): Promise<InspectionFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const ofYear = (eb: any) => eb.selectFrom("trainingProjects").select("id").where("baseId", "=", baseId).where("startDate", ">=", from).where("startDate", "<=", to);
  const projects: ProjectRow[] = await trx
    .selectFrom("trainingProjects")
    .select(["id", "status", "title", "subjectType", "feeFen", "venue", "mode", "capacity", "hours", "teachers", "adHoc", "filingNo", "filedAt", "createdAt", "description", "endDate", "concludedAt"])
    .where("baseId", "=", baseId)
    .where("startDate", ">=", from)
    .where("startDate", "<=", to)
    .orderBy("startDate")
    .execute();
  const [sessions, enrolments, checkIns, certificates, responses, credits, returned, plan, latePlans, standards] = await Promise.all([
    grouped(
      trx
        .selectFrom("projectSessions")
        .select(["projectId", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.sum<number>(eb.case().when("date", "<=", today).then(1).else(0).end()).as("held")])
        .where("projectId", "in", ofYear)
        .groupBy("projectId")
        .execute(),
    ),
    grouped(
      trx
        .selectFrom("enrollments")
        .select(["projectId", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.sum<number>(eb.case().when("completed", "=", 1).then(1).else(0).end()).as("completed")])
        .where("projectId", "in", ofYear)
        .where("status", "=", "enrolled")
        .groupBy("projectId")
        .execute(),
    ),
    grouped(
      trx
        .selectFrom("checkIns")
        .select(["projectId", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.count<number>("sessionId").distinct().as("sessions")])
        .where("projectId", "in", ofYear)
        .groupBy("projectId")
        .execute(),
    ),
    grouped(
      trx
        .selectFrom("certificates")
        .select(["projectId", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.sum<number>(eb.case().when("status", "=", "revoked").then(1).else(0).end()).as("revoked")])
        .where("projectId", "in", ofYear)
        .groupBy("projectId")
        .execute(),
    ),
    trx.selectFrom("surveyResponses").select(["projectId", "formId", "answers"]).where("projectId", "in", ofYear).execute(),
    trx
      .selectFrom("learningEntries")
      .select((eb) => eb.fn.sum<number>("hours").as("h"))
      .where("projectId", "in", ofYear)
      .where("status", "=", "counted")
      .executeTakeFirst(),
    // 第十六条: projects the supervising unit or the bureau returned (un-filed) during the year's filings
    trx
      .selectFrom("workflowHistory")
      .select((eb) => eb.fn.count<number>("resourceId").distinct().as("n"))
      .where("resourceType", "=", "trainingProject")
      .where("action", "=", "return")
      .where("resourceId", "in", ofYear)
      .executeTakeFirst(),
    trx.selectFrom("annualPlans").select(["items", "status", "late"]).where("baseId", "=", baseId).where("year", "=", year).executeTakeFirst(),
    trx
      .selectFrom("annualPlans")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("baseId", "=", baseId)
      .where("year", "in", [year, year + 1])
      .where("late", "=", 1)
      .executeTakeFirst(),
    trx
      .selectFrom("feeStandards")
      .select(["kind", "amountFen", "decidedAt", "status"])
      .where("baseId", "=", baseId)
      .where("status", "in", ["approved", "superseded"])
      .orderBy("decidedAt", "desc")
      .execute(),
  ]);

  const delivered = projects.filter((p) => DELIVERED.has(p.status));
  const enrolledOf = (id: string) => get(enrolments, id, "n");
  const forms = await surveyLabels(trx, [...new Set(responses.map((r) => r.formId))]);
  const answers = responses.map((r) => ({ projectId: r.projectId, answers: JSON.parse(r.answers) as Record<string, unknown> }));

  // 第二十五条: the approved standard in force when the project was filed.
  const standardAt = (kind: string, at: string) => standards.find((s) => s.kind === kind && (s.decidedAt ?? "") <= at)?.amountFen ?? null;
  const overStandard = delivered
    .map((p) => ({ projectId: p.id, title: p.title, feeFen: Number(p.feeFen), standardFen: standardAt(p.subjectType, p.filedAt ?? p.createdAt) }))
    .filter((p) => p.feeFen > 0 && (p.standardFen === null || p.feeFen > Number(p.standardFen)))
    .map((p) => ({ ...p, standardFen: p.standardFen === null ? null : Number(p.standardFen) }));
  const inForce = (["general", "professional"] as const)
    .map((kind) => ({ kind, amountFen: standardAt(kind, `${to}T23:59:59.999Z`) }))
    .filter((s): s is { kind: "general" | "professional"; amountFen: number } => s.amountFen !== null)
    .map((s) => ({ kind: s.kind, amountFen: Number(s.amountFen) }));

  // 第十七条: sessions held so far, people enrolled in them, and who checked in.
  const held = delivered.filter((p) => get(sessions, p.id, "held") > 0);
  const expected = held.reduce((s, p) => s + get(sessions, p.id, "held") * enrolledOf(p.id), 0);
  const checkInCount = held.reduce((s, p) => s + get(checkIns, p.id, "n"), 0);
  const concluded = delivered.filter((p) => p.concludedAt);
  const completed = concluded.reduce((s, p) => s + get(enrolments, p.id, "completed"), 0);
  const concludedEnrolled = concluded.reduce((s, p) => s + enrolledOf(p.id), 0);
  const ended = delivered.filter((p) => p.endDate < today);
  const archived = (p: ProjectRow) =>
    archiveComplete({
      filingNo: p.filingNo,
      description: p.description,
      sessions: get(sessions, p.id, "n"),
      sessionsWithCheckIns: get(checkIns, p.id, "sessions"),
      concluded: !!p.concludedAt,
      responses: answers.filter((a) => a.projectId === p.id).length,
    });
  const scaleAverages = averages(answers.map((a) => a.answers));
  const allScores = answers.flatMap((a) => Object.values(a.answers).filter((v): v is number => typeof v === "number"));
  const participants = await trx
    .selectFrom("enrollments")
    .select((eb) => eb.fn.count<number>("professionalId").distinct().as("n"))
    .where("projectId", "in", delivered.length ? delivered.map((p) => p.id) : ["-"])
    .where("status", "=", "enrolled")
    .executeTakeFirst();

  return {
    teachers: teacherFacts(delivered, answers),
    funding: {
      standards: inForce,
      chargedProjects: delivered.filter((p) => Number(p.feeFen) > 0).length,
      freeProjects: delivered.filter((p) => Number(p.feeFen) === 0).length,
      maxFeeFen: Math.max(0, ...delivered.map((p) => Number(p.feeFen))),
      overStandard,
      feeIncomeFen: delivered.reduce((s, p) => s + Number(p.feeFen) * enrolledOf(p.id), 0),
    },
    facilities: {
      venues: [...new Set(delivered.map((p) => p.venue.trim()).filter(Boolean))],
      modes: {
        offline: delivered.filter((p) => p.mode === "offline").length,
        online: delivered.filter((p) => p.mode === "online").length,
        blended: delivered.filter((p) => p.mode === "blended").length,
      },
      capacity: delivered.reduce((s, p) => s + Number(p.capacity), 0),
      enrolled: delivered.reduce((s, p) => s + enrolledOf(p.id), 0),
      capacityUse: ratio(
        delivered.reduce((s, p) => s + enrolledOf(p.id), 0),
        delivered.reduce((s, p) => s + Number(p.capacity), 0),
      ),
    },
    systems: {
      planStatus: plan?.status ?? null,
      planLate: plan ? Number(plan.late) === 1 : null,
      latePlans: Number(latePlans?.n ?? 0),
      adHocProjects: delivered.filter((p) => Number(p.adHoc) === 1).length,
      returnedProjects: Number(returned?.n ?? 0),
      archivesComplete: ended.filter(archived).length,
      archivesTotal: ended.length,
      certificatesRevoked: projects.reduce((s, p) => s + get(certificates, p.id, "revoked"), 0),
    },
    tasks: {
      plannedProjects: plan ? (JSON.parse(plan.items) as unknown[]).length : 0,
      filedProjects: delivered.length,
      completedProjects: delivered.filter((p) => p.concludedAt || p.status === "completed").length,
      returnedProjects: Number(returned?.n ?? 0),
      cancelledProjects: projects.filter((p) => p.status === "cancelled").length,
      hoursDelivered: round2(concluded.reduce((s, p) => s + Number(p.hours), 0)),
      participants: Number(participants?.n ?? 0),
      certificatesIssued: projects.reduce((s, p) => s + get(certificates, p.id, "n"), 0),
      creditHours: round2(Number(credits?.h ?? 0)),
    },
    effect: {
      sessions: held.reduce((s, p) => s + get(sessions, p.id, "held"), 0),
      checkIns: checkInCount,
      attendanceRate: expected > 0 ? round2(Math.min(1, checkInCount / expected)) : null,
      completed,
      completionRate: ratio(completed, concludedEnrolled),
      surveyResponses: answers.length,
      surveyAverage: allScores.length ? round2(allScores.reduce((a, b) => a + b, 0) / allScores.length) : null,
      questionAverages: [...scaleAverages.entries()].map(([key, avg]) => ({ key, label: forms.get(key) ?? key, average: avg })),
    },
  };
}

/** Labels of the survey questions, from the forms the answers were given on. */
async function surveyLabels(trx: Tx, formIds: string[]): Promise<Map<string, string>> {
  if (!formIds.length) return new Map();
  const forms = await trx.selectFrom("surveyForms").select("questions").where("id", "in", formIds).execute();
  return new Map(forms.flatMap((f) => (JSON.parse(f.questions) as Array<{ key: string; label: string }>).map((q) => [q.key, q.label] as const)));
}

function averages(all: Array<Record<string, unknown>>): Map<string, number | null> {
  const sums = new Map<string, [number, number]>();
  for (const a of all) {
    for (const [k, v] of Object.entries(a)) {
      if (typeof v !== "number") continue;
      const cur = sums.get(k) ?? [0, 0];
      sums.set(k, [cur[0] + v, cur[1] + 1]);
    }
  }
  return new Map([...sums.entries()].map(([k, [s, n]]) => [k, n ? round2(s / n) : null]));
}

/** 第十八条 师资队伍建设: each teacher named in the year's filed projects, rated by the survey's 授课教师 answers. */
function teacherFacts(delivered: ProjectRow[], answers: Array<{ projectId: string; answers: Record<string, unknown> }>): InspectionFacts["teachers"] {
  const byKey = new Map<string, TeacherFact & { sum: number }>();
  for (const p of delivered) {
    const ratings = answers.filter((a) => a.projectId === p.id).map((a) => a.answers.teachers).filter((v): v is number => typeof v === "number");
    for (const t of JSON.parse(p.teachers) as Array<{ name: string; title: string; org: string }>) {
      const key = `${t.name.trim()}|${t.org.trim()}`;
      const cur = byKey.get(key) ?? { name: t.name.trim(), title: t.title.trim(), org: t.org.trim(), projects: 0, rating: null, responses: 0, sum: 0 };
      cur.projects++;
      cur.responses += ratings.length;
      cur.sum += ratings.reduce((a, b) => a + b, 0);
      byKey.set(key, cur);
    }
  }
  const teachers = [...byKey.values()].map(({ sum, ...t }) => ({ ...t, rating: t.responses ? round2(sum / t.responses) : null }));
  const rated = teachers.filter((t) => t.rating !== null);
  return {
    teacherCount: teachers.length,
    ratedTeachers: rated.length,
    averageRating: rated.length ? round2(rated.reduce((s, t) => s + t.rating!, 0) / rated.length) : null,
    teachers: teachers.sort((a, b) => b.projects - a.projects || a.name.localeCompare(b.name, "zh-CN")),
  };
}
