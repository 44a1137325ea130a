// The `cebase` command: start the platform, migrate, create accounts, verify the audit chain, back up and restore.
import { parseArgs } from "node:util";
import { buildApp, openPlatform } from "./app.js";
import { configFromEnv, type AppConfig } from "./platform/config.js";
import { auditTrailOf, verifyAuditChain, type ChainProblem } from "./platform/audit.js";
import { checkpointFileOf } from "./platform/audit-checkpoints.js";
import type { Ctx } from "./platform/context.js";
import { inTransaction } from "./platform/context.js";
import { DomainError } from "./platform/errors.js";
import { errorMessage } from "../shared/errors.js";
import { ROLES, ORG_TYPES } from "../shared/roles.js";
import { OrganizationCreateBody, UserCreateBody } from "../shared/api.js";
import { validateInput } from "./platform/validate.js";
import { isDatabaseEmpty, loadDemoData } from "./demo/seed.js";
import { insertUser } from "./modules/users/service.js";
import { backupDatabase, restoreDatabase } from "./platform/backup.js";
import { countStaleSealed, KEY_REFRESH_MS, resealAll, rotateKeys } from "./platform/keys.js";
import { createOrganization } from "./modules/organizations/service.js";
import { seedScale } from "./demo/scale/index.js";
import { manifestFileOf } from "./demo/scale/manifest.js";

const HELP = `cebase — 专业技术人员继续教育基地服务平台

Usage:
  cebase start                      migrate, load demo data into an empty database (unless NODE_ENV=production), serve,
                                    then run the scheduled jobs; a failed start exits 1 with one line (CEBASE_DEBUG=1: the stack)
  cebase migrate                    run database migrations
  cebase org create --name N --type T --credit-code C --region R --contact-name N --contact-phone P
                                    create an organization (types: ${ORG_TYPES.join(", ")})
  cebase user create --username U --name N --org ORG_ID --role R [--role R2] --password P [--id-number ID]
                                    create an account (roles: ${ROLES.join(", ")}); it must change its password at first sign-in
  cebase audit verify [--checkpoints FILE]
                                    check the audit log's keyed chain against the signed checkpoints (the data directory's
                                    audit-checkpoints.jsonl, and any FILE an auditor kept); exit 1 naming the first entry
                                    concerned and what happened: edited, missing, recomputed or truncated
  cebase demo load                  load demo data into an empty database
  cebase seed:scale --professionals N --years Y [--seed S]
                                    fill the database with a synthetic province for the benchmark (issue 13): demo data
                                    first when empty, ~200 bases, ~4,000 projects a year, N professionals (sp0000001 …,
                                    password Demo#2026) with enrolments, check-ins, signed certificates and learning
                                    records; writes scale-manifest.json to the data directory; refuses a second run
  cebase backup FILE                write a backup of the database to FILE (a new file), safe while serving:
                                    SQLite online backup, or pg_dump's custom format for PostgreSQL
  cebase restore FILE               load a backup into an empty data directory or database, then check the audit chain;
                                    refuses a non-empty one. The master key is not in the backup (see README)
  cebase rotate-key [--no-wait]     next signing and sealing key versions, safe while serving: earlier signatures still
                                    verify; stored personal data is re-sealed in batches, again after running instances
                                    switch (30 s; --no-wait when no instance is running)

Environment: PORT, HOST, CEBASE_DATA_DIR, DATABASE_URL, CEBASE_DEMO, CEBASE_TEST_CLOCK, CEBASE_DEBUG (see README).`;

const systemCtx = (p: Awaited<ReturnType<typeof openPlatform>>): Ctx => ({ ...p, actor: null, ip: null });

const AUDIT_PROBLEMS: Record<ChainProblem, string> = {
  edited: "an entry does not match its keyed hash",
  missing: "an entry is missing from the middle of the chain",
  recomputed: "the links were recomputed without the key, or a signed checkpoint disagrees",
  truncated: "a signed checkpoint names entries beyond the chain's end: the newest entries were deleted",
};

/** A start-up step that failed: its message is the operator's one line (after "cebase: "). */
class StartupError extends Error {}

/** Why a step failed, in one line: a socket error in words, a DomainError by its code and message. */
function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const socketReasons: Record<string, string> = { EADDRINUSE: "address in use", EACCES: "permission denied", EADDRNOTAVAIL: "address not available" };
  let reason: string;
  if (err instanceof DomainError) reason = `${err.code}: ${errorMessage(err.code, "zh-CN", err.details)}`;
  else if (code && (err as NodeJS.ErrnoException).syscall === "listen" && socketReasons[code]) reason = socketReasons[code];
  else reason = err instanceof Error ? err.message : String(err);
  return reason.replace(/\s*\n\s*/g, " ");
}

async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new StartupError(`${what}: ${reasonOf(err)}`, { cause: err });
  }
}

/** Waits for `closing`, but never longer than `ms`: a stuck pool must not keep a failed start alive. */
function settleWithin(closing: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([closing.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

// Migrate, load the demo, listen, and only then run scheduled jobs: a job never sees half-loaded demo
// data, and a process that cannot serve holds no job lease. Any failure closes what was opened and
// reaches main's catch, which exits 1.
async function start() {
  const config = configFromEnv();
  const platform = await step("cannot open the database or the master key", () => openPlatform(config));
  let close = () => platform.handle.close();
  try {
    const built = await step("cannot build the app", () => buildApp(config, { platform }));
    close = built.close;
    await step("demo data failed to load", async () => {
      if (!config.demo || !(await isDatabaseEmpty(platform))) return;
      await loadDemoData(platform);
      built.app.log.info("demo data loaded (password Demo#2026)");
    });
    const address = await step(`cannot listen on ${config.host}:${config.port}`, () => built.app.listen({ port: config.port, host: config.host }));
    built.startJobs();
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopServing(built.close));
    console.log(`cebase listening on ${address} (database: ${platform.dialect})`);
  } catch (err) {
    await settleWithin(close(), 5000);
    throw err;
  }
}

/** SIGINT/SIGTERM: stop the jobs (waiting for a run under way), close the server, then the database. */
async function stopServing(close: () => Promise<void>): Promise<never> {
  try {
    await close();
    process.exit(0);
  } catch (err) {
    console.error(`cebase: shutdown failed: ${reasonOf(err)}`);
    process.exit(1);
  }
}

async function withPlatform<T>(fn: (p: Awaited<ReturnType<typeof openPlatform>>) => Promise<T>, overrides: Partial<AppConfig> = {}): Promise<T> {
  const p = await openPlatform(configFromEnv(process.env, overrides));
  try {
    return await fn(p);
  } finally {
    await p.handle.close();
  }
}

// Neither opens the platform: a backup must not migrate what it copies, a restore must not create a
// master key (a new key would not verify the restored certificates).
async function backup(file: string) {
  const dialect = await backupDatabase(configFromEnv(), file);
  console.log(`backup written: ${file} (${dialect}); back up the master key separately`);
}

async function restore(file: string) {
  const r = await restoreDatabase(configFromEnv(), file);
  console.log(`restored ${r.tables} tables, ${r.rows} rows (${r.dialect})`);
  if (r.audit.intact) console.log(`audit chain intact: ${r.audit.checked} entries`);
  else {
    console.error(`audit chain BROKEN at entry #${r.audit.firstBrokenSeq}: ${r.audit.problem} (${r.audit.checked} entries before it are intact)`);
    process.exitCode = 1;
  }
  if (!r.hasMasterKey) console.error("no master key in place: set CEBASE_SECRET_KEY or copy secret.key into the data directory before starting");
  else if (r.foreignKeyIds.length) console.error(`the master key in place did not sign certificates with key ${r.foreignKeyIds.join(", ")}: use the key the backup was made with`);
}

// Issue 10 item 12: rotation while serving. Instances re-read the versions within KEY_REFRESH_MS and may
// seal under the old version until then: the second pass after that catches what they wrote.
async function rotateKey(ctx: Ctx, waitForInstances: boolean) {
  const r = await rotateKeys(ctx);
  console.log(`signing key ${r.signing.keyId} (version ${r.signing.version}) and sealing version ${r.sealing.version} are active; the previous ones retire at ${r.retiring}`);
  let resealed = await resealAll(ctx);
  if (waitForInstances) {
    console.log(`re-sealed ${resealed} values; waiting ${(KEY_REFRESH_MS + 5_000) / 1000} s for running instances to switch…`);
    await new Promise((resolve) => setTimeout(resolve, KEY_REFRESH_MS + 5_000));
    resealed += await resealAll(ctx);
  }
  const left = await countStaleSealed(ctx);
  console.log(`re-sealed ${resealed} values under sealing version ${r.sealing.version}; ${left} left under earlier versions`);
  if (left > 0) process.exitCode = 1;
}

/** Whole numbers only: a typo must not seed a different province than the one asked for. */
function wholeNumber(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!value || !/^\d{1,9}$/.test(value)) throw new Error(`usage: cebase seed:scale --professionals N --years Y [--seed S] (--${name} must be a whole number)`);
  return Number(value);
}

async function seedScaleCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { professionals: { type: "string" }, years: { type: "string" }, seed: { type: "string" } } });
  const professionals = wholeNumber(values.professionals, "professionals");
  const years = wholeNumber(values.years, "years");
  if (professionals < 1 || years < 1 || years > 20) throw new Error("seed:scale needs at least 1 professional and 1 to 20 years");
  const seed = wholeNumber(values.seed, "seed", 20261213);
  const started = Date.now();
  // A load of millions of rows builds its indexes at the end: no request statement timeout applies.
  const m = await withPlatform((p) => seedScale(p, { professionals, years, seed, progress: true }), { pgStatementTimeoutMs: 0 });
  const seconds = (Date.now() - started) / 1000;
  const rows = Object.values(m.counts).reduce((a, b) => a + b, 0);
  console.log(`seeded ${professionals} professionals over ${years} years (${m.dialect}, seed ${seed}): ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)`);
  console.log(Object.entries(m.counts).map(([t, n]) => `${t} ${n}`).join(", "));
  console.log(`phases (s): ${Object.entries(m.seconds).map(([phase, s]) => `${phase} ${s}`).join(", ")}; manifest ${manifestFileOf(configFromEnv().dataDir)}`);
}

async function main(argv: string[]) {
  const [cmd, sub, ...rest] = argv;
  const key = [cmd, sub].filter(Boolean).join(" ");
  if (!cmd || cmd === "start") return start();
  if (cmd === "migrate") return withPlatform(async () => console.log("migrations are up to date"));
  if (key === "audit verify") {
    const { values } = parseArgs({ args: rest, options: { checkpoints: { type: "string", multiple: true } } });
    const v = await withPlatform((p) => verifyAuditChain({ ...auditTrailOf(p), checkpointFiles: [checkpointFileOf(p.config.dataDir), ...(values.checkpoints ?? [])] }));
    const scope = `${v.checkpoints} signed checkpoints; keyed from entry #${v.keyedFrom}`;
    if (v.intact) {
      console.log(`audit chain intact: ${v.checked} entries (${scope})`);
      return;
    }
    console.error(`audit chain BROKEN at entry #${v.firstBrokenSeq}: ${v.problem} — ${AUDIT_PROBLEMS[v.problem!]} (${v.checked} entries before it are intact; ${scope})`);
    process.exitCode = 1;
    return;
  }
  if (cmd === "backup" || cmd === "restore") {
    if (!sub || rest.length) throw new Error(`usage: cebase ${cmd} FILE`);
    return cmd === "backup" ? backup(sub) : restore(sub);
  }
  if (cmd === "rotate-key") {
    const { values } = parseArgs({ args: argv.slice(1), options: { "no-wait": { type: "boolean" } } });
    return withPlatform((p) => rotateKey(systemCtx(p), !values["no-wait"]));
  }
  if (key === "demo load") {
    return withPlatform(async (p) => {
      if (!(await isDatabaseEmpty(p))) throw new Error("the database is not empty; demo data loads only into an empty one");
      await loadDemoData(p);
      console.log("demo data loaded");
    });
  }
  if (cmd === "seed:scale") return seedScaleCommand(argv.slice(1));
  if (key === "org create") {
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: "string" },
        type: { type: "string" },
        "credit-code": { type: "string" },
        region: { type: "string" },
        "contact-name": { type: "string" },
        "contact-phone": { type: "string" },
      },
    });
    return withPlatform(async (p) => {
      // The operator at the console acts as the system administrator for this one step (issue 10 item 9).
      const ctx: Ctx = { ...systemCtx(p), actor: { id: "cli", username: "cli", displayName: "cli", orgId: "", roles: ["sysadmin"] } };
      const input = validateInput<OrganizationCreateBody>(OrganizationCreateBody, {
        name: values.name,
        type: values.type,
        region: values.region,
        creditCode: values["credit-code"],
        contactName: values["contact-name"],
        contactPhone: values["contact-phone"],
      });
      const org = await createOrganization(ctx, input);
      console.log(`organization created: ${org.id} ${org.name}`);
    });
  }
  if (key === "user create") {
    const { values } = parseArgs({
      args: rest,
      options: {
        username: { type: "string" },
        name: { type: "string" },
        org: { type: "string" },
        role: { type: "string", multiple: true },
        password: { type: "string" },
        "id-number": { type: "string" },
      },
    });
    return withPlatform(async (p) => {
      const ctx = systemCtx(p);
      const input = validateInput<UserCreateBody>(UserCreateBody, {
        username: values.username,
        displayName: values.name ?? values.username,
        orgId: values.org,
        roles: values.role ?? [],
        password: values.password,
        ...(values["id-number"] ? { idNumber: values["id-number"] } : {}),
      });
      const id = await inTransaction(ctx, (trx) => insertUser(trx, ctx, { ...input, mustChangePassword: true }));
      console.log(`user created: ${id} ${values.username} (must change the password at first sign-in)`);
    });
  }
  console.log(HELP);
  if (cmd !== "help" && cmd !== "--help") process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof StartupError) {
    // One line for the operator; CEBASE_DEBUG=1 adds the stack of what failed.
    console.error(`cebase: ${err.message}`);
    if (/^(1|true|yes|on)$/i.test(process.env.CEBASE_DEBUG ?? "")) console.error(err.cause);
    // Exit now: nothing that outlived the failure (a timer, a socket) may keep a process that does not serve.
    process.exit(1);
  }
  if (err instanceof DomainError) {
    console.error(`${err.code}: ${errorMessage(err.code, "zh-CN", err.details)}`);
    if (Object.keys(err.details).length) console.error(JSON.stringify(err.details));
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exitCode = 1;
});
