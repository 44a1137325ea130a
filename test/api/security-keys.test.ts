// Keys (issue 10, item 12): certificates and hours statements stay verifiable after a key rotation,
// retired public keys are published by key id with their validity, and rotating re-seals every stored
// ID number under the new sealing version while each still reads back whole.
import { spawnSync } from "node:child_process";
import { createPublicKey, verify } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countStaleSealed, KEY_REFRESH_MS, resealAll, rotateKeys } from "../../src/server/platform/keys.js";
import { loadSecrets } from "../../src/server/platform/secrets.js";
import { givenCertificate, systemCtxOf } from "../support/certificates.js";
import { filingCast, givenActiveBase, ok, type FilingCast } from "../support/filing.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import { givenCredit, givenProjectRow, givenSignedUp, setTodayAs } from "../support/professionals.js";

describe.each(dialects)("key rotation on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let projectId: string;
  /** A person with hours of 2026, a statement and a certificate, all issued before any rotation. */
  let before: { person: Awaited<ReturnType<typeof givenSignedUp>>; statementCode: string; serial: string; keyId: string };

  const newPerson = async (name: string) => {
    const person = await givenSignedUp(s, { name });
    await givenCredit(s, person.id, { days: { "2026-03-02": 6, "2026-03-03": 6 } });
    return person;
  };
  const statementOf = async (person: Awaited<ReturnType<typeof givenSignedUp>>) => ok(await person.client.post("/api/v1/me/hours-statements", { year: 2026 }), 201).code as string;
  const statementKeyId = async (code: string) => (await s.app.platform.db.selectFrom("hoursStatements").select("keyId").where("code", "=", code).executeTakeFirstOrThrow()).keyId;
  const sealedIdNumbers = () => s.app.platform.db.selectFrom("users").select(["id", "idNumberEnc"]).where("idNumberEnc", "is not", null).orderBy("id").execute();

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    await setTodayAs(c.bureau, "2026-06-15");
    projectId = await givenProjectRow(s, (await givenActiveBase(c, "base")).id);
    const person = await newPerson("周晓梅");
    before = { person, statementCode: await statementOf(person), serial: (await givenCertificate(s, projectId, person.id)).serial, keyId: s.app.platform.secrets.signingKeyId };
  });
  afterAll(() => s.close());

  it("publishes the one signing key in force before any rotation, and keeps the old single-key route", async () => {
    const keys = ok(await s.client().get("/api/v1/public/signing-keys")).items;
    expect(keys).toEqual([expect.objectContaining({ keyId: before.keyId, version: 1, active: true, retiredAt: null })]);
    expect(ok(await s.client().get("/api/v1/public/signing-key"))).toMatchObject({ algorithm: "Ed25519", keyId: before.keyId });
  });

  it("keeps a certificate and an hours statement issued before a rotation verifiable, signs new ones with the new key, and publishes both keys with their validity", async () => {
    const rotated = await rotateKeys(systemCtxOf(s));
    expect(rotated.signing.keyId).not.toBe(before.keyId);

    const oldCertificate = ok(await s.client().get(`/api/v1/public/certificates/${before.serial}`));
    expect(oldCertificate).toMatchObject({ valid: true, signatureValid: true, keyId: before.keyId });
    expect(ok(await s.client().get(`/api/v1/public/hours-statements/${before.statementCode}`)).valid).toBe(true);

    const later = await newPerson("刘海涛");
    const newSerial = (await givenCertificate(s, projectId, later.id)).serial;
    expect(ok(await s.client().get(`/api/v1/public/certificates/${newSerial}`))).toMatchObject({ valid: true, keyId: rotated.signing.keyId });
    const newCode = await statementOf(later);
    expect(await statementKeyId(newCode)).toBe(rotated.signing.keyId);
    expect(ok(await s.client().get(`/api/v1/public/hours-statements/${newCode}`)).valid).toBe(true);

    const keys = ok(await s.client().get("/api/v1/public/signing-keys")).items;
    expect(keys.map((k: any) => [k.keyId, k.version, k.active])).toEqual([
      [rotated.signing.keyId, 2, true],
      [before.keyId, 1, false],
    ]);
    // The old key was valid up to a moment after the new one began: instances switch within that time.
    expect(Date.parse(keys[1].retiredAt) - Date.parse(keys[0].validFrom)).toBe(KEY_REFRESH_MS);
    expect(keys[1].validFrom <= keys[0].validFrom).toBe(true);
    expect(ok(await s.client().get("/api/v1/public/signing-key")).keyId).toBe(rotated.signing.keyId);

    // Anyone checks the old certificate offline with the published retired key.
    const row = await s.app.platform.db.selectFrom("certificates").select(["payload", "signature"]).where("serial", "=", before.serial).executeTakeFirstOrThrow();
    expect(verify(null, Buffer.from(row.payload), createPublicKey(keys[1].publicKeyPem), Buffer.from(row.signature, "base64"))).toBe(true);
    expect(verify(null, Buffer.from(row.payload), createPublicKey(keys[0].publicKeyPem), Buffer.from(row.signature, "base64"))).toBe(false);
  });

  it("lets an instance that has not re-read the versions yet verify what the new key signed", async () => {
    const elsewhere = loadSecrets(s.app.platform.config); // a fresh process: version 1 active
    expect(elsewhere.signingKeyId).toBe(before.keyId);
    const row = await s.app.platform.db.selectFrom("certificates").select(["payload", "signature", "keyId"]).where("keyId", "!=", before.keyId).executeTakeFirstOrThrow();
    expect(elsewhere.verify(row.payload, row.signature, row.keyId)).toBe(true);
    expect(elsewhere.verify(row.payload, row.signature, "0000000000000000")).toBe(false);
  });

  it("re-seals every ID number under the new sealing version, and every one still reads back whole", async () => {
    const ctx = systemCtxOf(s);
    const secrets = s.app.platform.secrets;
    const rows = await sealedIdNumbers();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const whole = new Map(rows.map((r) => [r.id, secrets.decrypt(r.idNumberEnc!)]));
    // Sealed before the rotation: still version 1 until re-sealed.
    expect(rows.filter((r) => r.idNumberEnc!.startsWith("v1:")).length).toBeGreaterThan(0);
    expect(await countStaleSealed(ctx)).toBeGreaterThan(0);

    const resealed = await resealAll(ctx);
    expect(resealed).toBeGreaterThan(0);
    const after = await sealedIdNumbers();
    expect(after.filter((r) => !r.idNumberEnc!.startsWith(`v${secrets.sealingVersion}:`))).toEqual([]);
    expect(await countStaleSealed(ctx)).toBe(0);
    for (const r of after) expect(secrets.decrypt(r.idNumberEnc!)).toBe(whole.get(r.id));
    // The holder reads their own whole number through the API, and a second pass has nothing to do.
    expect(ok(await before.person.client.get("/api/v1/me/professional")).idNumber).toBe(before.person.body.idNumber);
    expect(await resealAll(ctx)).toBe(0);

    const audit = await s.app.platform.db.selectFrom("auditEvents").select(["action", "detail"]).where("action", "in", ["keys.rotated", "keys.resealed"]).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["keys.rotated", "keys.resealed"]);
    expect(JSON.parse(audit[1].detail)).toEqual({ sealingVersion: 2, values: resealed });
    // No ID number, whole or sealed, in the audit of either step.
    for (const idNumber of whole.values()) expect(audit.some((a) => a.detail.includes(idNumber))).toBe(false);
  });
});

// The operator's command, in a fresh process (~3 s each through tsx). `--no-wait`: no instance serves.
describe("cebase rotate-key", { timeout: 120_000 }, () => {
  let dataDir: string;
  const run = (...args: string[]) =>
    spawnSync(path.resolve("node_modules/.bin/tsx"), [path.resolve("src/server/main.ts"), ...args], {
      env: { ...process.env, CEBASE_DATA_DIR: dataDir, NODE_ENV: "production", DATABASE_URL: "" },
      encoding: "utf8",
    });
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-keys-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("rotates to the next signing and sealing versions each time, keeping the earlier ones as retired", () => {
    for (const version of [2, 3]) {
      const r = run("rotate-key", "--no-wait");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`signing key [0-9a-f]{16} \\(version ${version}\\) and sealing version ${version} are active`));
      expect(r.stdout).toContain("0 left under earlier versions");
    }
    const db = new Database(path.join(dataDir, "cebase.sqlite"), { readonly: true });
    try {
      const rows = db.prepare("select purpose, version, retired_at from key_versions order by purpose, version").all() as { purpose: string; version: number; retired_at: string | null }[];
      expect(rows.map((r) => [r.purpose, r.version, r.retired_at === null])).toEqual([
        ["sealing", 1, false],
        ["sealing", 2, false],
        ["sealing", 3, true],
        ["signing", 1, false],
        ["signing", 2, false],
        ["signing", 3, true],
      ]);
    } finally {
      db.close();
    }
  });
});
