import "server-only";
// Secrets at rest (vendor client secrets, tokens): AES-256-GCM with a fresh 12-byte IV per value,
// stored as one string "v1.<iv>.<tag>.<ciphertext>" (base64url). The key is
// PITSTOP_ENCRYPTION_KEY (32 bytes as base64 or hex) or generated once into the data directory,
// so every app instance sharing that env or directory reads what another wrote.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import path from "node:path";
import { readOrCreateSecretFile } from "@/lib/auth/secret";
import { missingSharedSecret } from "@/lib/db/kind";
import { dataDirectory } from "@/lib/db/location";

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const ENCRYPTION_KEY_FILE = "encryption-key";

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionKeyError";
  }
}

/** A stored value that cannot be opened: altered, truncated, or written under another key. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

/** 32 bytes from 64 hex digits or base64 / base64url; any other length is refused by name. */
export function parseEncryptionKey(text: string, source = "PITSTOP_ENCRYPTION_KEY"): Buffer {
  const value = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, "hex")
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)
      ? Buffer.from(value, "base64")
      : null;
  if (!key || key.length !== KEY_BYTES)
    throw new EncryptionKeyError(
      `${source} must be ${KEY_BYTES} bytes written as 64 hex digits or base64 (got ${key ? `${key.length} bytes` : "neither"}); make one with: openssl rand -base64 32`,
    );
  return key;
}

/** The key as configured now: the environment's, else the data directory's file (created 0600). */
export function readEncryptionKey(
  env: Record<string, string | undefined> = process.env,
  directory: string = dataDirectory(),
): Buffer {
  if (env.PITSTOP_ENCRYPTION_KEY) return parseEncryptionKey(env.PITSTOP_ENCRYPTION_KEY);
  const missing = missingSharedSecret("PITSTOP_ENCRYPTION_KEY", env);
  if (missing) throw new EncryptionKeyError(missing);
  const file = path.join(directory, ENCRYPTION_KEY_FILE);
  return parseEncryptionKey(
    readOrCreateSecretFile(file, () => randomBytes(KEY_BYTES).toString("base64")),
    file,
  );
}

let cached: Buffer | undefined;
const processKey = () => (cached ??= readEncryptionKey());

export function encryptSecret(plaintext: string, key: Buffer = processKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string, key: Buffer = processKey()): string {
  const [version, iv, tag, ciphertext, ...rest] = stored.split(".");
  if (version !== VERSION || rest.length > 0 || ciphertext === undefined)
    throw new DecryptionError(`not a stored secret in the ${VERSION} format`);
  const ivBytes = Buffer.from(iv!, "base64url");
  const tagBytes = Buffer.from(tag!, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
    throw new DecryptionError("the stored secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, ivBytes);
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new DecryptionError(
      "the stored secret does not open with this key: it was altered, or PITSTOP_ENCRYPTION_KEY / data/encryption-key differs from the one it was saved under",
    );
  }
}

/** A nullable column's value, encrypted when present. */
export const encryptOptional = (plaintext: string | null) =>
  plaintext === null ? null : encryptSecret(plaintext);
export const decryptOptional = (stored: string | null) =>
  stored === null ? null : decryptSecret(stored);
