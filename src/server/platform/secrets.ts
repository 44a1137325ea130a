// The platform's keys, all derived from one master secret: personal data encryption (AES-256-GCM),
// keyed lookup hashes (HMAC-SHA256), rotating check-in codes, and the Ed25519 key that signs
// completion certificates and hours statements. Sealing and signing keys come in versions (issue 10
// item 12): `cebase rotate-key` moves to the next, and every earlier one still opens and verifies.
//
// The master secret comes from CEBASE_SECRET_KEY (base64 of 32 bytes or more; every instance behind a
// load balancer needs the same one) or, when unset, from `<dataDir>/secret.key`, created on first start
// with owner-only permissions. Losing it makes stored ID numbers unreadable: back it up with the data.
import fs from "node:fs";
import path from "node:path";
import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, hkdfSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from "node:crypto";
import { ensureDataDir } from "./db.js";
import { createAuditKeys, type AuditKeys } from "./audit-keys.js";

export interface Secrets {
  /** Encrypts personal data for storage under the active sealing version ("v<n>:" + base64url(iv | tag | ciphertext)). */
  encrypt(plain: string): string;
  /** Opens a sealed value of any version: the version is in its prefix. */
  decrypt(sealed: string): string;
  /** The sealing version new values are sealed under (issue 10 item 12). */
  readonly sealingVersion: number;
  /** A keyed hash for equality lookups of encrypted data (an ID number is found without decrypting). */
  lookupHash(value: string): string;
  /** An HMAC under a purpose-bound key (check-in codes, verification codes), base64url. */
  mac(purpose: string, data: string): string;
  macEquals(purpose: string, data: string, candidate: string): boolean;
  /** Ed25519 signature over the bytes with the active signing key, base64. */
  sign(data: string | Buffer): string;
  /** Checks a signature by the key that made it (`keyId`, default the active one); an unknown key id fails. */
  verify(data: string | Buffer, signature: string, keyId?: string): boolean;
  /** Identifies the active signing key: the first 16 hex digits of the public key's sha256. */
  readonly signingKeyId: string;
  /** The active public half, PEM (SPKI), published so anyone can check a signature offline. */
  readonly publicKeyPem: string;
  readonly signingVersion: number;
  /** The key id and public key of one signing version. */
  signingKey(version: number): { keyId: string; publicKeyPem: string };
  /** The signing version a key id belongs to, or null when no version of this master secret made it. */
  signingVersionOf(keyId: string): number | null;
  /** Switches the versions new signatures and sealed values use (platform/keys.ts reads them from `key_versions`). */
  useVersions(v: { signing: number; sealing: number }): void;
  /** The audit chain's HMAC key and checkpoint key (platform/audit-keys.ts), apart from the versioned keys above. */
  audit: AuditKeys;
}

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function readMaster(dataDir: string, configured?: string): Buffer {
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length < 32) throw new Error("CEBASE_SECRET_KEY must be base64 of at least 32 bytes");
    return key;
  }
  const file = path.join(dataDir, "secret.key");
  if (!fs.existsSync(file)) {
    ensureDataDir(dataDir);
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (e) {
      // Another process created it first: read theirs.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length < 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}

const derive = (master: Buffer, info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `cebase:${info}`, 32));

/** Versions looked ahead of the highest known when a key id is not yet known: another instance may have rotated. */
const LOOKAHEAD_VERSIONS = 4;
const MAX_VERSION = 10_000;

interface SigningVersion {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  publicKeyPem: string;
}

export function createSecrets(master: Buffer): Secrets {
  // Issue 10 item 12: signing and sealing keys are versioned; version 1 is the label the platform always
  // used ("encrypt:v1", "ed25519:v1"), so stored values and signatures stay valid. The lookup-hash key is
  // not versioned: a changed hash would lose every equality lookup until all rows were rehashed at once.
  const hashKey = derive(master, "lookup-hash:v1");
  const macRoot = derive(master, "mac:v1");
  const sealingKeys = new Map<number, Buffer>();
  const sealingKey = (version: number) => {
    let k = sealingKeys.get(version);
    if (!k) sealingKeys.set(version, (k = derive(master, `encrypt:v${version}`)));
    return k;
  };
  const signingVersions = new Map<number, SigningVersion>();
  const byKeyId = new Map<string, number>();
  const signingVersion = (version: number): SigningVersion => {
    let v = signingVersions.get(version);
    if (!v) {
      const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, derive(master, `ed25519:v${version}`)]), format: "der", type: "pkcs8" });
      const publicKey = createPublicKey(privateKey);
      const keyId = createHash("sha256").update(publicKey.export({ format: "der", type: "spki" })).digest("hex").slice(0, 16);
      v = { privateKey, publicKey, keyId, publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString() };
      signingVersions.set(version, v);
      byKeyId.set(keyId, version);
    }
    return v;
  };
  let active = { signing: 1, sealing: 1 };
  signingVersion(1);
  const versionOf = (keyId: string): number | null => {
    const known = byKeyId.get(keyId);
    if (known) return known;
    const highest = Math.max(active.signing, ...signingVersions.keys());
    for (let v = 1; v <= Math.min(MAX_VERSION, highest + LOOKAHEAD_VERSIONS); v++) if (signingVersion(v).keyId === keyId) return v;
    return null;
  };
  const macKeys = new Map<string, Buffer>();
  const macKey = (purpose: string) => {
    let k = macKeys.get(purpose);
    if (!k) macKeys.set(purpose, (k = createHmac("sha256", macRoot).update(purpose).digest()));
    return k;
  };
  const mac = (purpose: string, data: string) => createHmac("sha256", macKey(purpose)).update(data).digest("base64url");
  const bytes = (data: string | Buffer) => (Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8"));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", sealingKey(active.sealing), iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `v${active.sealing}:` + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    },
    decrypt(sealed) {
      const m = /^v(\d{1,5}):/.exec(sealed);
      const version = m ? Number(m[1]) : 0;
      if (version < 1 || version > MAX_VERSION) throw new Error("unknown sealed format");
      const raw = Buffer.from(sealed.slice(m![0].length), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", sealingKey(version), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
    get sealingVersion() {
      return active.sealing;
    },
    lookupHash: (value) => createHmac("sha256", hashKey).update(value).digest("hex"),
    mac,
    macEquals(purpose, data, candidate) {
      const expected = Buffer.from(mac(purpose, data));
      const given = Buffer.from(candidate);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
    sign: (data) => sign(null, bytes(data), signingVersion(active.signing).privateKey).toString("base64"),
    verify(data, signature, keyId) {
      const version = keyId === undefined ? active.signing : versionOf(keyId);
      if (version === null) return false;
      try {
        return verify(null, bytes(data), signingVersion(version).publicKey, Buffer.from(signature, "base64"));
      } catch {
        return false;
      }
    },
    get signingKeyId() {
      return signingVersion(active.signing).keyId;
    },
    get publicKeyPem() {
      return signingVersion(active.signing).publicKeyPem;
    },
    get signingVersion() {
      return active.signing;
    },
    signingKey(version) {
      const v = signingVersion(version);
      return { keyId: v.keyId, publicKeyPem: v.publicKeyPem };
    },
    signingVersionOf: versionOf,
    useVersions(v) {
      if (!(v.signing >= 1 && v.sealing >= 1 && v.signing <= MAX_VERSION && v.sealing <= MAX_VERSION)) throw new Error("key versions start at 1");
      signingVersion(v.signing);
      active = { signing: v.signing, sealing: v.sealing };
    },
    audit: createAuditKeys(master),
  };
}

export function loadSecrets(config: { dataDir: string; secretKey?: string }): Secrets {
  return createSecrets(readMaster(config.dataDir, config.secretKey));
}
