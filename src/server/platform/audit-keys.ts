// The audit trail's own keys, derived from the master secret under labels of their own: the HMAC key
// that chains audit entries and the Ed25519 key that signs checkpoints of the chain's head. Neither is
// stored in the database (issue 10 item 1), and neither is one of the versioned signing or encryption
// keys, so rotating those never touches the audit trail.
import { createHash, createHmac, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from "node:crypto";

export interface AuditKeys {
  /** HMAC-SHA256 of an entry under the chain key, hex. */
  chainMac(data: string): string;
  /** Ed25519 signature of a checkpoint's canonical text, base64. */
  signCheckpoint(text: string): string;
  verifyCheckpoint(text: string, signature: string): boolean;
  /** The first 16 hex digits of the checkpoint public key's sha256. */
  checkpointKeyId: string;
  /** The checkpoint public key, PEM (SPKI): an auditor checks checkpoints offline with it. */
  checkpointPublicKeyPem: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const CHAIN_LABEL = "cebase:audit-chain-hmac";
const CHECKPOINT_LABEL = "cebase:audit-checkpoint-ed25519";

const derive = (master: Buffer, info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), info, 32));

export function createAuditKeys(master: Buffer): AuditKeys {
  const chainKey = derive(master, CHAIN_LABEL);
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, derive(master, CHECKPOINT_LABEL)]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  return {
    chainMac: (data) => createHmac("sha256", chainKey).update(data, "utf8").digest("hex"),
    signCheckpoint: (text) => sign(null, Buffer.from(text, "utf8"), privateKey).toString("base64"),
    verifyCheckpoint: (text, signature) => verifyCheckpointWith(publicKey, text, signature),
    checkpointKeyId: createHash("sha256").update(publicKey.export({ format: "der", type: "spki" })).digest("hex").slice(0, 16),
    checkpointPublicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

/** Checks a checkpoint signature with a published public key (PEM or KeyObject), as an auditor would. */
export function verifyCheckpointWith(publicKey: KeyObject | string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
