// scale-manifest.json: what the benchmark (bench/) needs to know of a province seeded by `cebase
// seed:scale`, written beside the database (<CEBASE_DATA_DIR or ./data>/scale-manifest.json). Shape:
// {
//   seed, professionals, years, dialect: "sqlite" | "postgres", createdAt (ISO),
//   password: "Demo#2026"                        every generated account's password (sp…, sb…)
//   counts: { table: rows written }              per table, the scale rows only (demo data not counted)
//   seconds: { demo?, load, indexes }            how long the phases took (demo: only when it loaded;
//                                                load: bases, projects and people; indexes: rebuilt after)
//   bigProjectId, bigProjectEnrolled             the city-wide 公需科目 course and its enrolment count
//   checkInProjectId, checkInSessionId,          a course with a session open all day today (dates in
//   checkInSessionDates, checkInEnrolled,        checkInSessionDates, one session each; ids in checkInSessionIds)
//   checkInSessionIds, checkInStaffUsername      the base staff account that shows the rotating code
//                                                (GET /api/v1/training-projects/:id/sessions/:sessionId/check-in-code;
//                                                POST /api/v1/check-ins { token });
//                                                the code rotates every 30 s, so no token is stored here
//   checkInUsernames                             a few of the enrolled people who have not checked in
//   certificateSerials                           a few valid certificate serials (public verification)
//   usernames                                    a few professional accounts (sp0000001 …)
//   names, idNumbers                             a few names and ID numbers for the lists' search
//   projectKeywords, missingKeyword              keywords that find projects, and one that finds none
//   importProjectId, importStaffUsername         a filed course starting in 30 days with 60,000 places and
//                                                none enrolled, and its base's staff: the bench imports
//                                                50,000 enrolments into it (once per seeded database)
// }
import fs from "node:fs";
import path from "node:path";

export interface ScaleManifest {
  seed: number;
  professionals: number;
  years: number;
  dialect: string;
  createdAt: string;
  password: string;
  counts: Record<string, number>;
  seconds: Record<string, number>;
  bigProjectId: string;
  bigProjectEnrolled: number;
  checkInProjectId: string;
  checkInSessionId: string;
  checkInSessionIds: string[];
  checkInSessionDates: string[];
  checkInEnrolled: number;
  checkInStaffUsername: string;
  checkInUsernames: string[];
  certificateSerials: string[];
  usernames: string[];
  names: string[];
  idNumbers: string[];
  projectKeywords: string[];
  missingKeyword: string;
  importProjectId: string;
  importStaffUsername: string;
}

export const manifestFileOf = (dataDir: string) => path.join(dataDir, "scale-manifest.json");

export function writeManifest(dataDir: string, m: ScaleManifest): string {
  const file = manifestFileOf(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(m, null, 2) + "\n", { mode: 0o600 });
  return file;
}
