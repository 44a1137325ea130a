// Tables of issue 10 items 11 and 12 (migration 010): shared limit counters and key versions.

/** One counter of a limit (platform/ratelimit.ts); instants in epoch milliseconds. */
export interface RateLimitsTable {
  key: string;
  count: number;
  startedAt: number;
  lastAt: number;
  expiresAt: number;
}

/** One version of a key (platform/keys.ts): the signing versions carry their public key. */
export interface KeyVersionsTable {
  purpose: "signing" | "sealing";
  version: number;
  keyId: string;
  publicKeyPem: string | null;
  validFrom: string;
  retiredAt: string | null;
}

export interface LimitsAndKeysTables {
  rateLimits: RateLimitsTable;
  keyVersions: KeyVersionsTable;
}
