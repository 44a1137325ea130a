// The paths of issue 13's benchmark, grouped as `npm run bench:<group>` runs them. Each group measures
// against the running server and returns its rows; a route that is not there yet is "n/a (route missing)".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { demoIdNumber } from "../../src/server/demo/seed.js";
import { ENROLMENT_COLUMNS } from "../../src/server/modules/delivery/enrollment-excel.js";
import { fetchPatiently, getJson, load, pool, sampleHealth, SECONDS, signIn, type Load, type SignedIn } from "./load.js";
import { scaleUsername, type ScaleManifest, type Target } from "./manifest.js";
import type { Row } from "./report.js";
import { startBare, startServer, type Server } from "./server.js";

export const GROUPS = ["checkin-burst", "learning-record", "verify", "calendar", "lists", "dashboard", "export", "busy-health", "import", "cold-start"] as const;
export type Group = (typeof GROUPS)[number];

const SIGNIN_WIDTH = Number(process.env.BENCH_SIGNIN_CONCURRENCY ?? 4);
const READERS = Number(process.env.BENCH_READERS ?? 200);
/** How far down the deep page lies (rows walked by cursor before the measured page). */
const DEEP_ROWS = Number(process.env.BENCH_DEEP_ROWS ?? 100_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface Run {
  target: Target;
  server: Server;
  /** this file's path, forked for the bare server */
  entry: string;
  year: number;
  emit(row: Row): void;
}

const m = (run: Run): ScaleManifest => run.target.manifest;
const password = (run: Run) => m(run).password;

// Sign-ins cost a scrypt each: made once, before anything is timed, and kept for the later groups.
let bureauSession: SignedIn | undefined;
async function bureau(run: Run): Promise<SignedIn> {
  bureauSession ??= await signIn(run.server.url, m(run).bureau.username, password(run));
  return bureauSession;
}
const staffSessions = new Map<string, SignedIn>();
async function staff(run: Run, username: string): Promise<SignedIn> {
  if (!staffSessions.has(username)) staffSessions.set(username, await signIn(run.server.url, username, password(run)));
  return staffSessions.get(username)!;
}
async function signInMany(run: Run, usernames: string[], what: string): Promise<SignedIn[]> {
  const t = performance.now();
  const out = await pool(usernames, SIGNIN_WIDTH, (u) => signIn(run.server.url, u, password(run)));
  console.log(`  signed in ${out.length} ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s (not measured)`);
  return out;
}

function na(group: string, id: string, pathName: string, aim: string, note: string): Row {
  return { id, group, path: pathName, aim, ok: null, note };
}

/** A row from a load: ✓ when every answer was 2xx and the aim's test holds. */
function rowOf(run: Run, group: string, id: string, pathName: string, l: Load, aim: string, meets: (l: Load) => boolean, note?: string): Row {
  const clean = l.errors === 0 && l.non2xx === 0;
  // no answer within the run is a miss, never a pass on empty figures
  const answered = l.requests > 0;
  const notes = [note, clean ? "" : "errors or non-2xx answers", answered ? "" : "no request answered within the run"];
  return { id, group, path: pathName, perSecond: l.perSecond, p50: l.p50, p99: l.p99, errors: l.errors, non2xx: l.non2xx, rssMb: run.server.rss.peakMb(), aim, ok: clean && answered && meets(l), note: notes.filter(Boolean).join("; ") || undefined };
}

/** Probes a GET once: null when it answers 200, else why the path is not measured. */
async function probe(run: Run, pathName: string, who?: SignedIn): Promise<string | null> {
  const { status, body } = await getJson(run.server.url, pathName, who);
  if (status === 200) return null;
  if (status === 404 && (!body?.error || body.error.code === "NOT_FOUND" || /not found/i.test(body?.message ?? ""))) return `n/a (route missing: ${status})`;
  if (status === 400) return `n/a (filter missing: ${body?.error?.code ?? status})`;
  return `n/a (answered ${status} ${body?.error?.code ?? ""})`.trim();
}

// ---------------------------------------------------------------------------------------------

async function checkinBurst(run: Run): Promise<void> {
  const g = "checkin-burst";
  const aim = "≥ 1,500/s, p99 < 100 ms, ≥ 0.4× bare insert";
  const c = m(run).checkIn;
  if (!c?.usernames?.length) return run.emit(na(g, "checkin.burst", "POST /api/v1/check-ins (burst)", aim, "n/a (no open session in the manifest)"));
  const base = await staff(run, c.baseUsername);
  // BENCH_CHECKIN_PEOPLE: fewer of the enrolled (a quick trial run; each sign-in is a scrypt)
  const people = await signInMany(run, c.usernames.slice(0, Number(process.env.BENCH_CHECKIN_PEOPLE ?? c.usernames.length)), "enrolled professionals");
  const listPath = `/api/v1/training-projects/${c.projectId}/sessions/${c.sessionId}/check-ins`;
  const checkedIn = (r: { body: any }) => Number(r.body?.checkedIn ?? r.body?.total ?? NaN);
  const before = await getJson(run.server.url, listPath, base);
  const code = await getJson(run.server.url, `/api/v1/training-projects/${c.projectId}/sessions/${c.sessionId}/check-in-code`, base);
  if (code.status !== 200) return run.emit(na(g, "checkin.burst", "POST /api/v1/check-ins (burst)", aim, `n/a (check-in code answered ${code.status})`));
  const body = JSON.stringify({ token: code.body.token as string });
  run.server.rss.mark();
  const burst = await load(run.server.url, { method: "POST", path: () => "/api/v1/check-ins", who: (i) => people[i % people.length], body: () => body, amount: people.length });
  const after = await getJson(run.server.url, listPath, base);
  const written = checkedIn(after) - (checkedIn(before) || 0);
  // the yardstick, same load, same database, same run
  const bare = await startBare(run.target, run.entry);
  const bareBody = JSON.stringify({ token: "x".repeat(body.length) });
  const insert = await load(bare.url, { method: "POST", path: () => "/bare/insert", who: (i) => people[i % people.length], body: () => bareBody, amount: people.length });
  const select = await load(bare.url, { method: "GET", path: () => "/bare/select", who: (i) => people[i % people.length], amount: people.length });
  await bare.stop();
  const ratio = burst.perSecond / insert.perSecond;
  const earlier = checkedIn(before) || 0;
  const counted = earlier ? `${earlier} had checked in before the burst (seed afresh): nothing to count` : `${written} check-ins written (lost ${people.length - written})`;
  const note = `${people.length} people once each; ${counted}; ${ratio.toFixed(2)}× bare insert` + (c.note ? `; ${c.note}` : "");
  run.emit(rowOf(run, g, "checkin.burst", "POST /api/v1/check-ins (burst)", burst, aim, (l) => l.perSecond >= 1500 && l.p99 < 100 && ratio >= 0.4 && written === people.length, note));
  run.emit({ id: "checkin.bare-insert", group: g, path: "bare Fastify + 1 insert (same DB)", perSecond: insert.perSecond, p50: insert.p50, p99: insert.p99, errors: insert.errors, non2xx: insert.non2xx, aim: "yardstick", ok: null });
  run.emit({ id: "checkin.bare-select", group: g, path: "bare Fastify + select 1 (same DB)", perSecond: select.perSecond, p50: select.p50, p99: select.p99, errors: select.errors, non2xx: select.non2xx, aim: "yardstick", ok: null });
}

/** Professionals spread over the province: the manifest's sample, else usernames evenly apart. */
function readerNames(run: Run): string[] {
  const n = m(run).professionals;
  const count = Math.min(READERS, n);
  return Array.from({ length: count }, (_, i) => scaleUsername(Math.floor((i * n) / count)));
}
let readers: SignedIn[] | undefined;

async function learningRecord(run: Run): Promise<void> {
  const aim = "≥ 1,000 req/s, p99 < 50 ms";
  readers ??= await signInMany(run, readerNames(run), "professionals (readers)");
  const p = `/api/v1/me/learning-record?year=${run.year}`;
  const why = await probe(run, p, readers[0]);
  if (why) return run.emit(na("learning-record", "learning-record", `GET ${p}`, aim, why));
  run.server.rss.mark();
  const l = await load(run.server.url, { path: () => p, who: (i) => readers![i % readers!.length] });
  run.emit(rowOf(run, "learning-record", "learning-record", `GET ${p} (${readers.length} people)`, l, aim, (x) => x.perSecond >= 1000 && x.p99 < 50));
}

async function verify(run: Run): Promise<void> {
  const aim = "≥ 1,000 req/s, p99 < 50 ms";
  const serials = m(run).certificateSerials ?? [];
  const label = "GET /api/v1/public/certificates/:serial";
  if (!serials.length) return run.emit(na("verify", "verify", label, aim, "n/a (no certificate serials in the manifest)"));
  const at = (i: number) => `/api/v1/public/certificates/${encodeURIComponent(serials[i % serials.length])}`;
  const why = await probe(run, at(0));
  if (why) return run.emit(na("verify", "verify", label, aim, why));
  run.server.rss.mark();
  const l = await load(run.server.url, { path: at });
  run.emit(rowOf(run, "verify", "verify", `${label} (${serials.length} serials)`, l, aim, (x) => x.perSecond >= 1000 && x.p99 < 50));
}

async function calendar(run: Run): Promise<void> {
  const aim = "≥ 300 req/s, p99 < 100 ms";
  const words = m(run).projectKeywords ?? [];
  const label = "GET /api/v1/public/training-projects?q=";
  if (!words.length) return run.emit(na("calendar", "calendar.search", label, aim, "n/a (no project keywords in the manifest)"));
  const at = (i: number) => `/api/v1/public/training-projects?q=${encodeURIComponent(words[i % words.length])}`;
  const why = await probe(run, at(0));
  if (why) return run.emit(na("calendar", "calendar.search", label, aim, why));
  run.server.rss.mark();
  const l = await load(run.server.url, { path: at });
  run.emit(rowOf(run, "calendar", "calendar.search", `${label}… (${words.length} keywords)`, l, aim, (x) => x.perSecond >= 300 && x.p99 < 100));
}

// ---------------------------------------------------------------------------------------------
// Bureau lists

interface ListDef {
  key: string;
  label: string;
  base: string;
  nameParam?: string;
  idParam?: string;
  note?: string;
}

async function listDefs(run: Run, who: SignedIn): Promise<ListDef[]> {
  const big = m(run).bigProject?.id;
  const defs: ListDef[] = [
    { key: "projects", label: "projects", base: "/api/v1/training-projects", nameParam: "q" },
    { key: "professionals", label: "professionals", base: "/api/v1/professionals", nameParam: "keyword", idParam: "idNumber" },
  ];
  if (big) defs.push({ key: "enrolments", label: "enrolments of the big project", base: `/api/v1/training-projects/${big}/enrollments`, nameParam: "keyword", idParam: "keyword" });
  // a province-wide certificate list if there is one, else the big project's
  const global = await getJson(run.server.url, "/api/v1/certificates?pageSize=1", who);
  if (global.status === 200) defs.push({ key: "certificates", label: "certificates", base: "/api/v1/certificates", nameParam: "keyword", idParam: "idNumber" });
  else if (big) defs.push({ key: "certificates", label: "certificates of the big project", base: `/api/v1/training-projects/${big}/certificates`, nameParam: "keyword", idParam: "idNumber", note: "no province-wide list" });
  return defs;
}

const withQuery = (base: string, q: string) => `${base}${base.includes("?") ? "&" : "?"}${q}`;

/** A path far down the list: the cursor after DEEP_ROWS rows (walked by nextCursor), else ?page=. */
async function deepPath(run: Run, d: ListDef, who: SignedIn): Promise<{ path: string; note: string } | string> {
  const first = await getJson(run.server.url, withQuery(d.base, "pageSize=20"), who);
  if (first.status !== 200) return `n/a (answered ${first.status})`;
  if (first.body && "nextCursor" in first.body) {
    let cursor: string | null = null;
    let rows = 0;
    const started = performance.now();
    let next = withQuery(d.base, "pageSize=200");
    for (;;) {
      const page = await getJson(run.server.url, next, who);
      if (page.status !== 200) return `n/a (cursor walk answered ${page.status})`;
      if (!page.body.nextCursor) break;
      rows += page.body.items.length;
      cursor = page.body.nextCursor as string;
      next = withQuery(d.base, `pageSize=200&cursor=${cursor}`);
      if (rows >= DEEP_ROWS || performance.now() - started > 60_000) break;
    }
    if (!cursor) return `n/a (the list fits on one page)`;
    return { path: withQuery(d.base, `pageSize=20&cursor=${cursor}`), note: `cursor after ${rows.toLocaleString("en-US")} rows` };
  }
  const total = Number(first.body?.total ?? 0);
  const page = Math.max(2, Math.min(500, Math.floor(total / 20)));
  return { path: withQuery(d.base, `pageSize=20&page=${page}`), note: `?page=${page} (no nextCursor: offset paging)` };
}

async function lists(run: Run): Promise<void> {
  const g = "lists";
  const aim = "p99 < 200 ms";
  const who = await bureau(run);
  const names = m(run).names ?? [];
  const ids = m(run).idNumbers ?? [];
  for (const d of await listDefs(run, who)) {
    // one list's failure (a server that stopped answering) is its row, not the end of the other lists
    try {
      await listVariants(run, d, who, names, ids);
    } catch (err) {
      run.emit({ ...na(g, `lists.${d.key}`, `bureau ${d.label}`, aim, `failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300)), ok: false });
    }
  }
}

async function listVariants(run: Run, d: ListDef, who: SignedIn, names: string[], ids: string[]): Promise<void> {
  const g = "lists";
  const aim = "p99 < 200 ms";
  const variants: { id: string; label: string; at: ((i: number) => string) | string; note?: string }[] = [];
  variants.push({ id: "page1", label: "page 1", at: () => withQuery(d.base, "pageSize=20") });
  const deep = await deepPath(run, d, who);
  variants.push(typeof deep === "string" ? { id: "deep", label: "deep page", at: deep } : { id: "deep", label: "deep page", at: () => deep.path, note: deep.note });
  const words = d.key === "projects" ? (m(run).projectKeywords ?? []) : names;
  if (d.nameParam) variants.push(words.length ? { id: "name", label: "name search", at: (i) => withQuery(d.base, `pageSize=20&${d.nameParam}=${encodeURIComponent(words[i % words.length])}`) } : { id: "name", label: "name search", at: "n/a (no sample names in the manifest)" });
  if (d.idParam) variants.push(ids.length ? { id: "id", label: "ID-number search", at: (i) => withQuery(d.base, `pageSize=20&${d.idParam}=${ids[i % ids.length]}`) } : { id: "id", label: "ID-number search", at: "n/a (no sample ID numbers in the manifest)" });
  for (const v of variants) {
    const rowId = `lists.${d.key}.${v.id}`;
    const label = `bureau ${d.label}: ${v.label}`;
    const note = [d.note, v.note].filter(Boolean).join("; ") || undefined;
    if (typeof v.at === "string") {
      run.emit(na(g, rowId, label, aim, v.at));
      continue;
    }
    try {
      const why = await probe(run, v.at(0), who);
      if (why) {
        run.emit(na(g, rowId, label, aim, why));
        continue;
      }
      run.server.rss.mark();
      const l = await load(run.server.url, { path: v.at, who: () => who });
      run.emit(rowOf(run, g, rowId, label, l, aim, (x) => x.p99 < 200, note));
    } catch (err) {
      run.emit({ ...na(g, rowId, label, aim, `failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300)), ok: false });
    }
  }
}

async function dashboard(run: Run): Promise<void> {
  const aim = "p99 < 500 ms";
  const who = await bureau(run);
  const p = `/api/v1/statistics/overview?year=${run.year}`;
  // the first count after the start, alone, with /health asked meanwhile (a count holds no other request)
  run.server.rss.mark();
  const health = sampleHealth(run.server.url, 20);
  const t = performance.now();
  const why = await probe(run, p, who);
  const firstSeconds = (performance.now() - t) / 1000;
  const h = await health.stop();
  run.emit({
    id: "dashboard.first",
    group: "dashboard",
    path: `GET ${p} (first count after the start)`,
    p50: h.p50,
    p99: h.p99,
    rssMb: run.server.rss.peakMb(),
    errors: h.failed,
    figure: why ?? `${firstSeconds.toFixed(1)} s`,
    aim: "< 500 ms; /health p99 < 100 ms meanwhile",
    ok: !why && firstSeconds < 0.5 && h.failed === 0 && h.p99 < 100,
    note: `p50/p99: /health every 20 ms meanwhile (${h.n} samples, ${h.failed} failed)`,
  });
  if (why) return run.emit(na("dashboard", "dashboard", `GET ${p}`, aim, why));
  run.server.rss.mark();
  const l = await load(run.server.url, { path: () => p, who: () => who });
  run.emit(rowOf(run, "dashboard", "dashboard", `GET ${p}`, l, aim, (x) => x.p99 < 500, "after the first count: its figures, kept while a fresh count runs"));
}

// ---------------------------------------------------------------------------------------------
// The compliance export, /health meanwhile

interface Download {
  status: number;
  seconds: number;
  bytes: number;
  file: string;
  contentType: string;
}

async function download(run: Run, pathName: string, who: SignedIn): Promise<Download> {
  const file = path.join(os.tmpdir(), `cebase-bench-export-${process.pid}-${Date.now()}.xlsx`);
  const t = performance.now();
  const res = await fetchPatiently(`${run.server.url}${pathName}`, { headers: { cookie: who.cookie } });
  const out = fs.createWriteStream(file);
  let bytes = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return { status: res.status, seconds: (performance.now() - t) / 1000, bytes, file, contentType: res.headers.get("content-type") ?? "" };
}

/** Data rows of the workbook's sheets (each sheet's first row a header), read with the streaming reader. */
async function countRows(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  for await (const sheet of reader) {
    let first = true;
    for await (const _row of sheet as AsyncIterable<unknown>) {
      if (first) first = false;
      else rows++;
    }
  }
  return rows;
}

const exportPath = (run: Run) => `/api/v1/statistics/compliance-export?year=${run.year}`;

async function exportAll(run: Run): Promise<void> {
  const aim = "< 60 s, server < 512 MB, /health p99 < 100 ms";
  const who = await bureau(run);
  const p = exportPath(run);
  run.server.rss.mark();
  const health = sampleHealth(run.server.url, 20);
  const d = await download(run, p, who);
  const h = await health.stop();
  if (d.status === 404) {
    fs.rmSync(d.file, { force: true });
    return run.emit(na("export", "export", `GET ${p}`, aim, "n/a (route missing)"));
  }
  const rss = run.server.rss.peakMb();
  let rows = NaN;
  if (d.status === 200 && /spreadsheetml/.test(d.contentType)) rows = await countRows(d.file).catch(() => NaN);
  fs.rmSync(d.file, { force: true });
  const expected = m(run).professionals;
  const ok = d.status === 200 && d.seconds < 60 && rss < 512 && h.p99 < 100 && rows >= expected;
  run.emit({
    id: "export",
    group: "export",
    path: `GET ${p}`,
    p50: h.p50,
    p99: h.p99,
    rssMb: rss,
    non2xx: d.status === 200 ? 0 : 1,
    figure: `${d.seconds.toFixed(1)} s, ${(d.bytes / 1e6).toFixed(1)} MB, ${Number.isNaN(rows) ? "?" : rows.toLocaleString("en-US")} rows (${expected.toLocaleString("en-US")} people)`,
    aim,
    ok,
    note: `p50/p99: /health every 20 ms meanwhile (${h.n} samples, ${h.failed} failed)` + (d.status === 200 ? "" : `; answered ${d.status}`),
  });
}

async function busyHealth(run: Run): Promise<void> {
  const aim = "/health p99 < 100 ms";
  const who = await bureau(run);
  const defs = await listDefs(run, who);
  const until = performance.now() + SECONDS * 1000;
  const health = sampleHealth(run.server.url, 20);
  run.server.rss.mark();
  let pages = 0;
  let failures = 0;
  // one bureau user paging each list by cursor (or page number), one after another …
  const paging = (async () => {
    while (performance.now() < until) {
      for (const d of defs) {
        let next: string | null = withQuery(d.base, "pageSize=20");
        for (let k = 0; k < 20 && next && performance.now() < until; k++) {
          const page = await getJson(run.server.url, next, who);
          pages++;
          if (page.status !== 200) {
            failures++;
            break;
          }
          next = page.body?.nextCursor ? withQuery(d.base, `pageSize=20&cursor=${page.body.nextCursor}`) : withQuery(d.base, `pageSize=20&page=${k + 2}`);
        }
      }
    }
  })();
  // … while the same user exports
  const exporting = (async () => {
    const head = await fetch(`${run.server.url}${exportPath(run)}`, { headers: { cookie: who.cookie } });
    if (head.status === 404) {
      await head.body?.cancel();
      return "no export (route missing)";
    }
    for await (const _chunk of (head.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
      // draining
    }
    return `an export (${head.status})`;
  })().catch((err: unknown) => `an export that failed (${err instanceof Error ? err.message : String(err)})`);
  await paging;
  const exported = await exporting;
  const h = await health.stop();
  run.emit({ id: "busy-health", group: "busy-health", path: "GET /api/v1/health while a bureau user pages and exports", p50: h.p50, p99: h.p99, rssMb: run.server.rss.peakMb(), errors: h.failed, aim, ok: h.failed === 0 && h.p99 < 100, note: `${pages} list pages (${failures} refused) and ${exported}; ${h.n} samples every 20 ms` });
}

// ---------------------------------------------------------------------------------------------
// The import of 50,000 enrolments

/** People for the import: the manifest's (people of the seeded province), else fresh valid ID numbers a base registers. */
function importPeople(run: Run): { people: { name: string; idNumber: string; employer: string }[]; note: string } {
  const given = m(run).importPeople ?? [];
  if (given.length >= IMPORT_ROWS) return { people: given.slice(0, IMPORT_ROWS).map((p) => ({ employer: "威海市立医院", ...p })), note: "people of the seeded province" };
  const surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
  const given2 = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平";
  const people = Array.from({ length: IMPORT_ROWS }, (_, i) => {
    const day = new Date(Date.UTC(1965, 0, 1) + (i % 12000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
    return { name: `${surnames[i % 20]}${given2[Math.floor(i / 20) % 20]}${given2[Math.floor(i / 400) % 20]}`, idNumber: demoIdNumber(day, 950 + Math.floor(i / 12000)), employer: "威海市立医院" };
  });
  return { people, note: "new people registered by the base (the manifest names none to import)" };
}

async function workbook(people: { name: string; idNumber: string; employer: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("参训人员");
  ws.addRow(ENROLMENT_COLUMNS.map((c) => c.header));
  for (const p of people) ws.addRow([p.name, p.idNumber, p.employer, "工程师", "机械工程", ""]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importEnrolments(run: Run): Promise<void> {
  const aim = "< 30 s";
  // BENCH_IMPORT_PROJECT=projectId:staffUsername: another project to import into
  const [pid, staffName] = (process.env.BENCH_IMPORT_PROJECT ?? "").split(":");
  const target = pid && staffName ? { id: pid, baseUsername: staffName } : m(run).importProject;
  const label = `POST /api/v1/training-projects/:id/enrollments/import (${IMPORT_ROWS.toLocaleString("en-US")} rows)`;
  if (!target) return run.emit(na("import", "import", label, aim, "n/a (the manifest names no project taking 50,000 enrolments: importProjectId, importStaffUsername)"));
  const who = await staff(run, target.baseUsername);
  const { people, note } = importPeople(run);
  const post = async (rows: typeof people) => {
    const body = await workbook(rows);
    const res = await fetchPatiently(`${run.server.url}/api/v1/training-projects/${target.id}/enrollments/import`, { method: "POST", headers: { "content-type": XLSX, cookie: who.cookie, "x-csrf-token": who.csrf }, body: new Uint8Array(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  run.server.rss.mark();
  let t = performance.now();
  let r = await post(people);
  let seconds = (performance.now() - t) / 1000;
  let how = "one workbook";
  const limit = /一次最多导入\s*(\d+)/.exec(JSON.stringify(r.body ?? ""));
  if ((r.status === 400 || r.status === 422) && limit) {
    // the route takes at most `limit` rows a file: the same people in files of that size, one after another
    const size = Number(limit[1]);
    how = `refused as one file (at most ${size} rows); in ${Math.ceil(people.length / size)} files of ${size}`;
    t = performance.now();
    for (let i = 0; i < people.length; i += size) {
      r = await post(people.slice(i, i + size));
      if (r.status !== 200) break;
    }
    seconds = (performance.now() - t) / 1000;
  }
  const ok = r.status === 200 && seconds < 30;
  const why = r.status === 200 ? "" : `; answered ${r.status} ${r.body?.error?.code ?? ""} ${JSON.stringify(r.body?.error?.details ?? "").slice(0, 200)}`;
  run.emit({ id: "import", group: "import", path: label, rssMb: run.server.rss.peakMb(), non2xx: r.status === 200 ? 0 : 1, figure: `${seconds.toFixed(1)} s`, aim, ok: r.status === 200 ? ok : false, note: `${how}; ${note}${why}` });
}

// ---------------------------------------------------------------------------------------------

async function coldStart(run: Run): Promise<void> {
  const times: number[] = [];
  for (let k = 0; k < 3; k++) {
    const s = await startServer(run.target);
    times.push(s.readyMs);
    await s.stop();
  }
  const median = [...times].sort((a, b) => a - b)[1];
  run.emit({ id: "cold-start", group: "cold-start", path: "cold start: spawn → first 200 from /health", figure: `${(median / 1000).toFixed(2)} s (median of ${times.map((x) => (x / 1000).toFixed(2)).join(", ")})`, aim: "< 3 s", ok: median < 3000 });
}

export const RUNNERS: Record<Group, (run: Run) => Promise<void>> = {
  "checkin-burst": checkinBurst,
  "learning-record": learningRecord,
  verify,
  calendar,
  lists,
  dashboard,
  export: exportAll,
  "busy-health": busyHealth,
  import: importEnrolments,
  "cold-start": coldStart,
};
