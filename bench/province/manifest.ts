// What the province benchmark reads from the database that `cebase seed:scale` filled: the manifest the
// generator writes beside the data (<data dir>/scale-manifest.json) naming the ids and samples the paths need.
import fs from "node:fs";
import path from "node:path";

/** The fields the bench uses; the generator may write more. Missing optional fields turn paths into "n/a". */
export interface ScaleManifest {
  professionals: number;
  years?: number;
  seed?: number | string;
  /** professionals' usernames are `${prefix}${n padded to 7}` (sp0000001 …) */
  password?: string;
  bureau?: { username: string };
  /** the project with ~50,000 enrolments */
  bigProject?: { id: string; baseUsername?: string };
  /** a project and session open for check-in today, with ~2,000 enrolled people not yet checked in */
  checkIn?: { projectId: string; sessionId: string; baseUsername?: string; usernames: string[] };
  /** a project taking enrolments, for the import of 50,000 rows */
  importProject?: { id: string; baseUsername?: string };
  /** people of the province not enrolled in importProject (name and ID number), for the import */
  importPeople?: { name: string; idNumber: string; employer?: string }[];
  certificateSerials?: string[];
  names?: string[];
  idNumbers?: string[];
  projectKeywords?: string[];
  professionalUsernames?: string[];
  year?: number;
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
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as ScaleManifest;
  return { dataDir, databaseUrl, dialect: databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite", manifest };
}
