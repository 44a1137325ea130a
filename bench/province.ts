// issue 13 item 2: the province benchmark. Runs against an existing database that `cebase seed:scale`
// filled (the configured CEBASE_DATA_DIR or DATABASE_URL, with its scale-manifest.json), builds the server
// once and spawns it as a child process (production mode, a free port), samples its RSS every 100 ms and
// loads it from here with autocannon (50 connections, BENCH_SECONDS per path, 10 by default). Prints per
// path req/s, p50/p99, errors, peak server RSS and issue 13's aim with ✓/✗, then the table as Markdown
// (docs/performance.md) and as JSON in bench/results/<dialect>.json. Prints figures; asserts nothing.
//
// Run: npm run bench (every group) or npm run bench:<group> (BENCH_GROUP or the first argument:
// checkin-burst, learning-record, verify, calendar, lists, dashboard, export, busy-health, import,
// cold-start; several comma-separated). BENCH_READERS (200 professionals for the learning record),
// BENCH_DEEP_ROWS (100,000: how far down the deep page lies), BENCH_IMPORT_ROWS (50,000),
// BENCH_SIGNIN_CONCURRENCY (4 sign-ins in flight while preparing).
import os from "node:os";
import { fileURLToPath } from "node:url";
import { GROUPS, RUNNERS, type Group, type Run } from "./province/groups.js";
import { CONNECTIONS, SECONDS } from "./province/load.js";
import { readTarget } from "./province/manifest.js";
import { markdown, printRow, writeJson, type Row } from "./province/report.js";
import { buildServer, serveBare, startServer } from "./province/server.js";

async function main(): Promise<number> {
  const asked = (process.argv[2] ?? process.env.BENCH_GROUP ?? "all").split(",").filter(Boolean);
  const groups: Group[] = asked.includes("all") ? [...GROUPS] : (asked as Group[]);
  const unknown = groups.filter((g) => !GROUPS.includes(g));
  if (unknown.length) {
    console.error(`bench: unknown group ${unknown.join(", ")} (groups: ${GROUPS.join(", ")})`);
    return 2;
  }
  const target = readTarget();
  if ("missing" in target) {
    console.error(`bench: no ${target.missing}: fill the database first with \`node bin/cebase.mjs seed:scale --professionals 1000000 --years 3\` (same CEBASE_DATA_DIR / DATABASE_URL)`);
    return 1;
  }
  const mf = target.manifest;
  const heading = `Province benchmark, ${target.dialect === "postgres" ? "PostgreSQL" : "SQLite"}: ${mf.professionals.toLocaleString("en-US")} professionals, ${CONNECTIONS} connections, ${SECONDS} s per path; node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GB; ${new Date().toISOString().slice(0, 16)}Z`;
  console.log(heading);
  buildServer();

  const rows: Row[] = [];
  const emit = (r: Row) => {
    rows.push(r);
    printRow(r);
  };
  const year = mf.year ?? new Date().getFullYear();
  const entry = fileURLToPath(import.meta.url);
  const warm = groups.filter((g) => g !== "cold-start");
  let peakOverall = 0;
  if (warm.length) {
    const server = await startServer(target);
    console.log(`server up in ${(server.readyMs / 1000).toFixed(2)} s at ${server.url} (pid ${server.child.pid})`);
    const run: Run = { target, server, entry, year, emit };
    try {
      for (const g of warm) {
        console.log(`— ${g}`);
        try {
          await RUNNERS[g](run);
        } catch (err) {
          // one path failing is a row of the table, not the end of the run
          emit({ id: g, group: g, path: g, aim: "", ok: false, note: `failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300) });
        }
      }
    } finally {
      peakOverall = server.rss.peakOverall;
      await server.stop();
    }
  }
  if (groups.includes("cold-start")) {
    console.log("— cold-start");
    await RUNNERS["cold-start"]({ target, server: undefined as never, entry, year, emit }).catch((err: unknown) =>
      emit({ id: "cold-start", group: "cold-start", path: "cold start", aim: "< 3 s", ok: false, note: `failed: ${err instanceof Error ? err.message : String(err)}` }),
    );
  }
  console.log("");
  console.log(markdown(rows, heading));
  const file = writeJson(target.dialect, { heading, dialect: target.dialect, professionals: mf.professionals, connections: CONNECTIONS, seconds: SECONDS, node: process.version, cores: os.cpus().length, at: new Date().toISOString(), serverPeakRssMb: Math.round(peakOverall / 1024) }, rows);
  console.log(`\nwritten: ${file}`);
  return 0;
}

if (process.argv[2] === "__bare") {
  await serveBare();
} else {
  process.exitCode = await main();
}
