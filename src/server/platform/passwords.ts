// Password hashing with scrypt (memory-hard, node:crypto) and the password policy of 等保 level 3:
// at least 10 characters, three of four character classes, not a commonly used password, not
// containing the username. The rule applies when a password is set, never to hashes already stored.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { dictionary } from "@zxcvbn-ts/language-common";
import { DomainError } from "./errors.js";

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const KEYLEN = 32;

export async function hashPassword(password: string, N = 32768): Promise<string> {
  const salt = randomBytes(16);
  const r = 8;
  const p = 1;
  const key = await scrypt(password.normalize("NFKC"), salt, KEYLEN, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !hash) return false;
  const N = Number(n);
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password.normalize("NFKC"), Buffer.from(salt, "base64"), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const dummies = new Map<number, Promise<string>>();

/**
 * A hash of a random password at the configured cost, verified against when the username is
 * unknown, so the answer takes as long as for a real account and timing does not tell.
 */
export function dummyHash(N: number): Promise<string> {
  if (!dummies.has(N)) dummies.set(N, hashPassword(randomBytes(16).toString("hex"), N));
  return dummies.get(N)!;
}

export const MIN_PASSWORD_LENGTH = 10;

// The ~49,000 most common passwords of zxcvbn-ts (lower case), built into a Set once at start-up.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary["passwords-common"]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.normalize("NFKC").toLowerCase());
}

export type PasswordProblem = "length" | "classes" | "username" | "common";

/** What is wrong with a new password, or null when it may be set. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 128) return "length";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return "classes";
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) return "username";
  if (isCommonPassword(password)) return "common";
  return null;
}

export function isStrongPassword(password: string, username: string): boolean {
  return passwordProblem(password, username) === null;
}

/** Refuses a new password the policy does not allow: COMMON_PASSWORD for a listed one, else WEAK_PASSWORD. */
export function assertPasswordAllowed(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem === "common") throw new DomainError("COMMON_PASSWORD");
  if (problem) throw new DomainError("WEAK_PASSWORD", { reason: problem, minLength: MIN_PASSWORD_LENGTH });
}
