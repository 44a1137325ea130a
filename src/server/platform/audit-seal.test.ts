// Signed checkpoints of the audit chain (issue 10 item 1): written by the scheduled job at least every
// `auditCheckpointMinutes` and at graceful shutdown, kept in the database and appended to an owner-only
// file outside it, and fetched by whoever holds the audit.read grant with the public key that checks
// them offline.
import fs from "node:fs";
import { verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../../../test/support/harness.js";
import { GRANTS } from "./grants.js";
import type { Role } from "../../shared/roles.js";
import { appendAudit, auditChainHead } from "./audit.js";
import { checkpointFileOf, checkpointText, readCheckpointFile, type AuditCheckpoint } from "./audit-checkpoints.js";
import { dropPgSchema, openDb } from "./db.js";

/** A demo account whose role holds the grant (the grant decides, never a role name). */
const accountWith = (action: "audit.read", holds: boolean) => {
  const roles = (Object.keys(GRANTS) as Role[]).filter((r) => !!GRANTS[r][action] === holds);
  const demo: Partial<Record<Role, string>> = { bureau: "bureau", auditor: "auditor", base_staff: "base", professional: "pro1", supervisor: "supervisor" } as Partial<Record<Role, string>>;
  return roles.map((r) => demo[r]).find(Boolean)!;
};

const signedBy = (pem: string, c: AuditCheckpoint) => verify(null, Buffer.from(checkpointText(c)), pem, Buffer.from(c.signature, "base64"));

describe.each(dialects)("audit checkpoints on %s", (dialect) => {
  let s: TestServer;
  const reader = (): Promise<Client> => s.as(accountWith("audit.read", true));
  const p = () => s.app.platform;
  const append = async (n: number) => {
    for (let i = 0; i < n; i++) await appendAudit(p().db, { ...p(), actor: null, ip: null }, { action: "test.event", resourceType: "test", detail: { i } });
  };
  /** Runs the scheduled jobs as the bureau would; answers the checkpoint job's result and the head it found. */
  const runJobs = async () => {
    const bureau = await s.as("bureau"); // signing in appends to the chain: the head is read after it
    const head = (await auditChainHead(p().db))!;
    return { head, ran: (await bureau.post("/api/v1/test/jobs/run")).body.ran["audit.checkpoint"] };
  };

  beforeAll(async () => {
    s = await startServer(dialect, { auditCheckpointMinutes: 60 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("signs the chain's head on the first scheduled run, into the database and an owner-only file outside it", async () => {
    await append(3);
    const { head, ran } = await runJobs();
    expect(ran).toMatchObject({ written: 1 });
    const file = checkpointFileOf(p().config.dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [line] = readCheckpointFile(file);
    expect(line).toMatchObject({ seq: head.seq, hash: head.hash, reason: "scheduled", keyedFrom: 1, keyId: p().secrets.audit.checkpointKeyId });
    const rows = await p().db.selectFrom("auditCheckpoints").selectAll().execute();
    expect(rows.map((r) => ({ ...r, seq: Number(r.seq), keyedFrom: Number(r.keyedFrom) }))).toEqual([line]);
  });

  it("signs again only once the period has passed since the latest checkpoint, and only when the chain moved", async () => {
    await append(2);
    expect((await runJobs()).ran).toMatchObject({ written: 0 });
    s.advanceSystemTime(61);
    const { head, ran } = await runJobs();
    expect(ran).toMatchObject({ written: 1, seq: head.seq });
    expect(readCheckpointFile(checkpointFileOf(p().config.dataDir)).at(-1)).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(await p().db.selectFrom("auditCheckpoints").select("seq").execute()).toHaveLength(2);
  });

  it("lets the audit.read grant fetch the checkpoints, newest first, with the key that checks them offline", async () => {
    const client = await reader();
    const res = await client.get("/api/v1/audit-events/checkpoints?pageSize=1");
    expect(res.status).toBe(200);
    expect(res.body.keyId).toBe(p().secrets.audit.checkpointKeyId);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.nextCursor).toBe(res.body.items[0].seq);
    const rest = await client.get(`/api/v1/audit-events/checkpoints?cursor=${res.body.nextCursor}`);
    const all: AuditCheckpoint[] = [...res.body.items, ...rest.body.items];
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => b - a));
    for (const c of all) expect(signedBy(res.body.publicKeyPem, c)).toBe(true);
    // the key is not the certificate signing key: rotating that one leaves the audit trail alone
    expect(res.body.publicKeyPem).not.toBe(p().secrets.publicKeyPem);
    const forged = { ...all[0], seq: all[0].seq + 1 };
    expect(signedBy(res.body.publicKeyPem, forged)).toBe(false);
  });

  it("answers 403 to an account without the audit.read grant and 401 to the public", async () => {
    const other = await s.as(accountWith("audit.read", false));
    expect((await other.get("/api/v1/audit-events/checkpoints")).status).toBe(403);
    expect((await s.client().get("/api/v1/audit-events/checkpoints")).status).toBe(401);
    expect((await (await reader()).get("/api/v1/audit-events/checkpoints?pageSize=0")).status).toBe(400);
  });

  it("reports the verdict with what it checked through the route", async () => {
    const res = await (await reader()).get("/api/v1/audit-events/verify");
    expect(res.body).toMatchObject({ intact: true, problem: null, keyedFrom: 1, keyChecked: true });
    expect(res.body.checkpoints).toBeGreaterThanOrEqual(4); // each one in the database and in the file
  });
});

describe.each(dialects)("a graceful shutdown on %s", (dialect) => {
  it("signs a last checkpoint of the chain's head after the server stops answering", async () => {
    const s = await startServer(dialect, { auditCheckpointMinutes: 60 });
    const { dataDir, pgSchema, databaseUrl } = s.app.platform.config;
    try {
      await (await s.as("bureau")).get("/api/v1/auth/me"); // a sign-in leaves entries behind
      await s.app.close();
      const handle = openDb({ dataDir, pgSchema, databaseUrl });
      try {
        const head = (await auditChainHead(handle.db))!;
        const [row] = await handle.db.selectFrom("auditCheckpoints").selectAll().orderBy("seq", "desc").limit(1).execute();
        expect(row).toMatchObject({ seq: head.seq, hash: head.hash, reason: "shutdown" });
        const line = readCheckpointFile(checkpointFileOf(dataDir)).at(-1)!;
        expect(line).toMatchObject({ seq: head.seq, reason: "shutdown" });
        expect(signedBy(s.app.platform.secrets.audit.checkpointPublicKeyPem, line)).toBe(true);
      } finally {
        await handle.close();
      }
    } finally {
      if (pgSchema) await dropPgSchema(databaseUrl!, pgSchema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
