// The platform's keys, all derived from one master secret: personal data encryption (AES-256-GCM),
// keyed lookup hashes (HMAC-SHA256), rotating check-in codes, and the Ed25519 key that signs
// completion certificates and hours statements.
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
  /** Encrypts personal data for storage ("v1:" + base64url(iv | tag | ciphertext)). */
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** A keyed hash for equality lookups of encrypted data (an ID number is found without decrypting). */
  lookupHash(value: string): string;
  /** An HMAC under a purpose-bound key (check-in codes, verification codes), base64url. */
  mac(purpose: string, data: string): string;
  macEquals(purpose: string, data: string, candidate: string): boolean;
  /** Ed25519 signature over the bytes, base64. */
  sign(data: string | Buffer): string;
  verify(data: string | Buffer, signature: string): boolean;
  /** Identifies the signing key: the first 16 hex digits of the public key's sha256. */
  signingKeyId: string;
  /** The public half, PEM (SPKI), published so anyone can check a signature offline. */
  publicKeyPem: string;
  /** The audit chain's HMAC key and checkpoint key (platform/audit-keys.ts), apart from the keys above. */
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

export function createSecrets(master: Buffer): Secrets {
  const encKey = derive(master, "encrypt:v1");
  const hashKey = derive(master, "lookup-hash:v1");
  const macRoot = derive(master, "mac:v1");
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, derive(master, "ed25519:v1")]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const publicDer = publicKey.export({ format: "der", type: "spki" });
  const macKeys = new Map<string, Buffer>();
  const macKey = (purpose: string) => {
    let k = macKeys.get(purpose);
    if (!k) macKeys.set(purpose, (k = createHmac("sha256", macRoot).update(purpose).digest()));
    return k;
  };
  const mac = (purpose: string, data: string) => createHmac("sha256", macKey(purpose)).update(data).digest("base64url");
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return "v1:" + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    },
    decrypt(sealed) {
      if (!sealed.startsWith("v1:")) throw new Error("unknown sealed format");
      const raw = Buffer.from(sealed.slice(3), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
    lookupHash: (value) => createHmac("sha256", hashKey).update(value).digest("hex"),
    mac,
    macEquals(purpose, data, candidate) {
      const expected = Buffer.from(mac(purpose, data));
      const given = Buffer.from(candidate);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
    sign: (data) => sign(null, Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8"), privateKey).toString("base64"),
    verify(data, signature) {
      try {
        return verify(null, Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8"), publicKey, Buffer.from(signature, "base64"));
      } catch {
        return false;
      }
    },
    signingKeyId: createHash("sha256").update(publicDer).digest("hex").slice(0, 16),
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    audit: createAuditKeys(master),
  };
}

export function loadSecrets(config: { dataDir: string; secretKey?: string }): Secrets {
  return createSecrets(readMaster(config.dataDir, config.secretKey));
}
