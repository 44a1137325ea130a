// The province's professionals, a chunk at a time: accounts with sealed ID numbers and phones (the
// platform's own sealing), profiles, ~2 enrolments each, check-ins for the sessions held, certificates
// signed as completion signs them (第十七条), learning entries (第二十四条) and evaluations.
import type { Insertable } from "kysely";
import { maskIdNumber } from "../../../shared/identifiers.js";
import type { Database } from "../../db/schema.js";
import type { Secrets } from "../../platform/secrets.js";
import { canonicalJson } from "../../modules/delivery/certificates.js";
import { sealIdNumber, sealPhone } from "../../modules/professionals/identity.js";
import { addDays as addDaysUncached } from "../../platform/calendar.js";
import { GIVEN, SURNAMES } from "../people.js";
import { DISTRICTS, type Province, type ScaleProject } from "./province.js";
import { idNumberOf, type Rand } from "./random.js";

/** The order the rows of a chunk are inserted in: referenced tables first. */
export const TABLE_ORDER = ["users", "userRoles", "professionals", "enrollments", "checkIns", "certificates", "learningEntries", "surveyResponses"] as const;
export type Rows = { [T in (typeof TABLE_ORDER)[number]]: Insertable<Database[T]>[] };

const REGIONS = DISTRICTS.map(([, county]) => county);
const TITLES = ["助理工程师", "工程师", "高级工程师", "医师", "主治医师", "副主任医师", "护师", "主管护师", "讲师", "高级讲师", "经济师", "农艺师"];
const SPECIALTIES = ["智能制造", "临床医学", "护理", "建筑工程", "农业技术", "信息技术", "教育教学", "经济管理"];
const DECLARED = [
  ["online", "general", "公需科目网络培训"],
  ["online", "professional", "专业科目网络课程"],
  ["conference", "professional", "行业学术会议"],
  ["research", "professional", "科研课题研究"],
  ["publication", "professional", "学术论文发表"],
] as const;
const COMMENTS = ["案例贴近工作实际，收获很大。", "希望增加实操环节的时间。", "授课老师讲解清楚。", "建议下次安排分组讨论。"];
/** Crockford's base 32, as certificate serials use (modules/delivery/certificates.ts). */
const SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** What generating people needs, all of it plain data a worker thread receives (generator.ts). */
export interface PeopleSpec {
  seed: number;
  /** the platform clock's date and instant */
  today: string;
  now: string;
  passwordHash: string;
  province: Province;
  years: number[];
  /** every bigStride-th person (from 0) is enrolled in the big project, the first bigSize of them */
  bigStride: number;
  bigSize: number;
  checkInStride: number;
  checkInSize: number;
  /** the survey forms, by effectiveFrom ascending */
  forms: { id: string; effectiveFrom: string }[];
  /** the last certificate number of each year so far (`certificate:<year>`) */
  certificateLast: Record<string, number>;
}

export interface PeopleLoad extends PeopleSpec {
  secrets: Secrets;
  rand: Rand;
  id: () => string;
}

export const usernameOf = (i: number) => `sp${String(i + 1).padStart(7, "0")}`;
export const idNumberOfPerson = (l: Pick<PeopleSpec, "seed">, i: number) => idNumberOf(i, REGIONS, l.seed);

/** The form in force at class start: the latest effective by then, else the earliest (as survey.ts decides). */
const formFor = (l: PeopleSpec, startDate: string) => (l.forms.filter((f) => f.effectiveFrom <= startDate).at(-1) ?? l.forms[0]).id;

function nextCertificateNo(l: PeopleSpec, year: number): number {
  const n = (l.certificateLast[`certificate:${year}`] ?? 0) + 1;
  l.certificateLast[`certificate:${year}`] = n;
  return n;
}

/** A few thousand distinct days recur millions of times: each sum is computed once. */
const daysAdded = new Map<string, string>();
function addDays(date: string, n: number): string {
  const key = `${date}${n}`;
  let d = daysAdded.get(key);
  if (d === undefined) daysAdded.set(key, (d = addDaysUncached(date, n)));
  return d;
}

const at = (date: string, hhmm: string, minutes: number) => new Date(Date.parse(`${date}T${hhmm}:00+08:00`) + minutes * 60_000).toISOString();

/** The rows of people [from, to). */
export function peopleRows(l: PeopleLoad, from: number, to: number): Rows {
  const rows: Rows = { users: [], userRoles: [], professionals: [], enrollments: [], checkIns: [], certificates: [], learningEntries: [], surveyResponses: [] };
  const { rand } = l;
  const projects = l.province.projects;
  for (let i = from; i < to; i++) {
    const id = l.id();
    const name = rand.pick([...SURNAMES]) + rand.pick([...GIVEN]) + (rand.chance(0.7) ? rand.pick([...GIVEN]) : "");
    const idNumber = idNumberOfPerson(l, i);
    const employer = l.province.employers[i % l.province.employers.length];
    const phone = `13${rand.int(5, 9)}${String(rand.int(0, 99_999_999)).padStart(8, "0")}`;
    rows.users.push({ id, username: usernameOf(i), displayName: name, orgId: employer.id, passwordHash: l.passwordHash, mustChangePassword: 0, failedLogins: 0, ...sealPhone(l.secrets, phone), idNumber: null, ...sealIdNumber(l.secrets, idNumber), passwordChangedAt: l.now, createdAt: l.now, updatedAt: l.now, version: 1 });
    rows.userRoles.push({ userId: id, role: "professional" });
    rows.professionals.push({ id, employer: employer.name, title: rand.pick(TITLES), specialty: rand.pick(SPECIALTIES), createdBy: null, createdAt: l.now, updatedAt: l.now, version: 1 });
    const person = { id, name, masked: maskIdNumber(idNumber) };
    const chosen = new Set<ScaleProject>();
    const count = rand.chance(0.5) ? 2 : rand.chance(0.5) ? 1 : 3;
    while (chosen.size < Math.min(count, projects.length)) chosen.add(rand.pick(projects));
    if (i % l.bigStride === 0 && i / l.bigStride < l.bigSize) chosen.add(l.province.bigProject);
    if (i % l.checkInStride === 1 % l.checkInStride && Math.floor(i / l.checkInStride) < l.checkInSize) chosen.add(l.province.checkInProject);
    for (const project of chosen) enrolmentRows(l, rows, person, project);
    declaredRows(l, rows, id);
  }
  return rows;
}

function enrolmentRows(l: PeopleLoad, rows: Rows, person: { id: string; name: string; masked: string }, project: ScaleProject): void {
  const { rand } = l;
  const today = l.today;
  const enrolledAt = `${addDays(project.startDate, -10)}T01:30:00.000Z`;
  const attended = project === l.province.checkInProject ? [] : project.sessions.filter((s) => s.date < today && rand.chance(0.93));
  for (const s of attended) {
    rows.checkIns.push({ id: l.id(), sessionId: s.id, projectId: project.id, professionalId: person.id, method: "qr", reason: null, recordedBy: null, checkedInAt: at(s.date, s.startTime, rand.int(-10, 15)), deviceHash: null });
  }
  // 第十七条: completion is all sessions attended (the policy's 100%, no project files a lower share here)
  const completed = project.concluded && attended.length === project.sessions.length;
  rows.enrollments.push({ id: l.id(), projectId: project.id, professionalId: person.id, status: "enrolled", source: rand.pick(["staff", "self", "import"]), completed: project.concluded ? (completed ? 1 : 0) : null, attendedSessions: project.concluded ? attended.length : null, createdBy: null, createdAt: enrolledAt, updatedAt: enrolledAt, version: project.concluded ? 2 : 1 });
  if (!completed) return;
  const issuedOn = addDays(project.endDate, 1);
  const issuedAt = `${issuedOn}T01:00:00.000Z`;
  const year = Number(issuedOn.slice(0, 4));
  const serial = `JJZS-${year}-${String(nextCertificateNo(l, year)).padStart(6, "0")}-${Array.from({ length: 6 }, () => SERIAL_ALPHABET[rand.int(0, 31)]).join("")}`;
  const payload = canonicalJson({ serial, holderName: person.name, holderIdNumberMasked: person.masked, projectId: project.id, projectTitle: project.title, filingNo: project.filingNo, subjectType: project.subjectType, hours: project.hours, startDate: project.startDate, endDate: project.endDate, baseName: project.baseName, issuedOn, completionBasis: "attendance" });
  const certificateId = l.id();
  rows.certificates.push({ id: certificateId, serial, projectId: project.id, professionalId: person.id, payload, signature: l.secrets.sign(payload), keyId: l.secrets.signingKeyId, issuedAt, status: "valid", revokedAt: null, revokedBy: null, revokedReason: null, version: 1 });
  const days = Object.fromEntries(project.sessions.map((s) => [s.date, s.hours]));
  rows.learningEntries.push({ id: l.id(), professionalId: person.id, year: Number(project.endDate.slice(0, 4)), source: "project", subjectType: project.subjectType, hours: project.hours, title: project.title, earnedOn: project.endDate, days: JSON.stringify(days), projectId: project.id, certificateId, declarationId: null, status: "counted", revokedAt: null, revokedReason: null, createdAt: issuedAt });
  if (rand.chance(0.65)) {
    const score = () => rand.int(3, 5);
    const comment = rand.chance(0.3) ? rand.pick(COMMENTS) : "";
    const answers = { content: score(), teachers: score(), organization: score(), usefulness: score(), overall: score(), ...(comment ? { comments: comment } : {}) };
    rows.surveyResponses.push({ id: l.id(), projectId: project.id, professionalId: person.id, formId: formFor(l, project.startDate), answers: JSON.stringify(answers), comment, createdAt: issuedAt });
  }
}

/**
 * ~6 entries of hours from other forms (人社部令第25号), each on the 28th of a month: courses never hold
 * a session on the 28th (province.ts starts them by the 25th, three days at most), so no day passes
 * the daily limit. Entries only: the declarations behind them are not generated.
 */
function declaredRows(l: PeopleLoad, rows: Rows, professionalId: string): void {
  const { rand } = l;
  const today = l.today;
  const n = rand.int(5, 7);
  const months = new Set<string>();
  for (let k = 0; k < n * 2 && months.size < n; k++) {
    const day = `${rand.pick(l.years)}-${String(rand.int(1, 12)).padStart(2, "0")}-28`;
    if (day < today) months.add(day);
  }
  for (const day of months) {
    const [source, subjectType, what] = rand.pick(DECLARED);
    const hours = rand.pick([4, 6, 8]);
    rows.learningEntries.push({ id: l.id(), professionalId, year: Number(day.slice(0, 4)), source, subjectType, hours, title: `${day.slice(0, 4)}年度${what}`, earnedOn: day, days: JSON.stringify({ [day]: hours }), projectId: null, certificateId: null, declarationId: null, status: "counted", revokedAt: null, revokedReason: null, createdAt: `${addDays(day, 3)}T02:00:00.000Z` });
  }
}
