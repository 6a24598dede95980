// Password hashing with scrypt (node:crypto), parameters from OWASP's password storage sheet.
// Stored as "scrypt$N$r$p$salt$hash" so parameters can be raised without breaking old hashes.
import { availableParallelism } from "node:os";
import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from "node:crypto";
import { Semaphore } from "async-mutex";

/** The one password rule: length (OWASP; no composition rules). */
export const MIN_PASSWORD_LENGTH = 12;

const COST = 2 ** 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
// This machine's own limit, beside the shared queue (hash-admission.ts): hashing on half the
// cores at most leaves the rest, and libuv's other threads, to requests, and caps memory.
const HASHES_AT_ONCE = Math.max(1, Math.floor(availableParallelism() / 2));
const hashing = new Semaphore(HASHES_AT_ONCE);

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; node's default ceiling (32 MiB) is below OWASP's N.
  const maxmem = 256 * (options.N ?? COST) * (options.r ?? BLOCK_SIZE);
  return hashing.runExclusive(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCallback(password, salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return [
    "scrypt",
    COST,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString("base64"),
    key.toString("base64"),
  ].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Verifying against this when the email is unknown keeps response times alike, so timing
// does not reveal which emails have accounts.
export const UNKNOWN_USER_HASH =
  "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * A well-formed hash no password matches, for an invited user who has not chosen one yet:
 * signing in as them costs the same hash as any account, so timing does not single them out.
 */
export function unusablePasswordHash(): string {
  return [
    "scrypt",
    COST,
    BLOCK_SIZE,
    PARALLELISM,
    randomBytes(16).toString("base64"),
    randomBytes(KEY_LENGTH).toString("base64"),
  ].join("$");
}
