import "server-only";
// The key that signs session cookies: PITSTOP_SESSION_SECRET when given, otherwise generated
// once on first start and kept in data/session-secret (readable by the owner only).
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { missingSharedSecret } from "@/lib/db/kind";
import { dataDirectory } from "@/lib/db/location";

const MIN_SECRET_LENGTH = 32;
/** The generated secret's file in the data directory, when PITSTOP_SESSION_SECRET is unset. */
export const SESSION_SECRET_FILE = "session-secret";
let cached: Uint8Array | undefined;

/**
 * The secret kept in `file`, created with `generate()` (owner-only) when absent. Several
 * processes starting at once agree on one value: the first write wins and the rest read it.
 */
export function readOrCreateSecretFile(
  file: string,
  generate: () => string = () => randomBytes(48).toString("base64url"),
): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx" fails if another process created it first; then we read theirs.
    writeFileSync(file, generate(), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

export function sessionSecret(): Uint8Array {
  if (cached) return cached;
  const missing = missingSharedSecret("PITSTOP_SESSION_SECRET");
  if (missing) throw new Error(missing);
  const secret =
    process.env.PITSTOP_SESSION_SECRET ??
    readOrCreateSecretFile(path.join(dataDirectory(), SESSION_SECRET_FILE));
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`PITSTOP_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  cached = new TextEncoder().encode(secret);
  return cached;
}
