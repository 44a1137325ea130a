// What the province benchmark reads from the database that `cebase seed:scale` filled: the manifest the
// generator writes beside the data (<data dir>/scale-manifest.json) naming the ids and samples the paths need.
import fs from "node:fs";
import path from "node:path";
import { usernameOf } from "../../src/server/demo/scale/people.js";

/** scale-manifest.json as `cebase seed:scale` writes it (src/server/demo/scale/manifest.ts); it may hold more. */
interface SeedManifest {
  professionals: number;
  years?: number;
  password?: string;
  bigProjectId?: string;
  bigProjectEnrolled?: number;
  checkInProjectId?: string;
  checkInSessionId?: string;
  checkInSessionIds?: string[];
  checkInSessionDates?: string[];
  checkInEnrolled?: number;
  checkInStaffUsername?: string;
  checkInUsernames?: string[];
  certificateSerials?: string[];
  usernames?: string[];
  names?: string[];
  idNumbers?: string[];
  projectKeywords?: string[];
  /** not written yet: a project taking enrolments with room for the import, and its base's staff account */
  importProjectId?: string;
  importStaffUsername?: string;
  /** not written yet: people of the province not enrolled there (name and ID number) */
  importPeople?: { name: string; idNumber: string; employer?: string }[];
}

/** What the bench uses. Missing fields turn their paths into "n/a". */
export interface ScaleManifest {
  professionals: number;
  password: string;
  bureau: { username: string };
  bigProject?: { id: string; enrolled?: number };
  /** the session open for check-in today, with the people enrolled and not yet checked in */
  checkIn?: { projectId: string; sessionId: string; baseUsername: string; usernames: string[]; note?: string };
  importProject?: { id: string; baseUsername: string };
  importPeople?: { name: string; idNumber: string; employer?: string }[];
  certificateSerials: string[];
  names: string[];
  idNumbers: string[];
  projectKeywords: string[];
  year?: number;
}

/** professionals' accounts: person i (from 0) is sp0000001 … */
export const scaleUsername = usernameOf;

const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function normalize(s: SeedManifest): ScaleManifest {
  let checkIn: ScaleManifest["checkIn"];
  if (s.checkInProjectId && s.checkInStaffUsername) {
    // today's session (one a day for a week from the seeding day)
    const day = s.checkInSessionDates?.indexOf(shanghaiToday()) ?? -1;
    const sessionId = day >= 0 && s.checkInSessionIds ? s.checkInSessionIds[day] : s.checkInSessionId!;
    // The manifest names a few of the enrolled; the seed enrols every stride-th person from 1
    // (src/server/demo/scale/people.ts): all of them are derived, and checked against the few it names.
    const enrolled = s.checkInEnrolled ?? 0;
    const stride = Math.max(1, Math.floor(s.professionals / Math.max(enrolled, 1)));
    const derived = Array.from({ length: enrolled }, (_, k) => scaleUsername(k * stride + (1 % stride)));
    const named = s.checkInUsernames ?? [];
    const agrees = named.every((u) => derived.includes(u));
    checkIn = {
      projectId: s.checkInProjectId,
      sessionId,
      baseUsername: s.checkInStaffUsername,
      usernames: agrees && derived.length >= named.length ? derived : named,
      note: agrees ? undefined : "the enrolled could not be derived: only the manifest's few check in",
    };
    if (day < 0) checkIn.note = [checkIn.note, `no session dated ${shanghaiToday()} (seeded more than a week ago?)`].filter(Boolean).join("; ");
  }
  return {
    professionals: s.professionals,
    password: s.password ?? "Demo#2026",
    bureau: { username: "bureau" },
    bigProject: s.bigProjectId ? { id: s.bigProjectId, enrolled: s.bigProjectEnrolled } : undefined,
    checkIn,
    importProject: s.importProjectId && s.importStaffUsername ? { id: s.importProjectId, baseUsername: s.importStaffUsername } : undefined,
    importPeople: s.importPeople,
    certificateSerials: s.certificateSerials ?? [],
    names: s.names ?? [],
    idNumbers: s.idNumbers ?? [],
    projectKeywords: s.projectKeywords ?? [],
  };
}

export interface Target {
  dataDir: string;
  databaseUrl: string | undefined;
  dialect: "sqlite" | "postgres";
  manifest: ScaleManifest;
}

/** The configured database (CEBASE_DATA_DIR / DATABASE_URL, as the server reads them) and its manifest; null without one. */
export function readTarget(env: NodeJS.ProcessEnv = process.env): Target | { missing: string } {
  const dataDir = path.resolve(env.CEBASE_DATA_DIR ?? "./data");
  const databaseUrl = env.DATABASE_URL || undefined;
  const file = path.join(dataDir, "scale-manifest.json");
  if (!fs.existsSync(file)) return { missing: file };
  const manifest = normalize(JSON.parse(fs.readFileSync(file, "utf8")) as SeedManifest);
  return { dataDir, databaseUrl, dialect: databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite", manifest };
}
