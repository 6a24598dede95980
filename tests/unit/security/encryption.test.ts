// Secrets at rest: AES-256-GCM values open only with the key they were sealed under, any change
// to a stored value is detected, and the generated key file is the owner's alone.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  DecryptionError,
  ENCRYPTION_KEY_FILE,
  EncryptionKeyError,
  decryptSecret,
  encryptSecret,
  parseEncryptionKey,
  readEncryptionKey,
} from "@/lib/security/encryption";

const key = randomBytes(32);
const directories: string[] = [];
const freshDirectory = () => {
  const directory = mkdtempSync(path.join(tmpdir(), "pitstop-key-"));
  directories.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

describe("encryptSecret / decryptSecret", () => {
  it("round-trips a secret, with a different IV (and so ciphertext) every time", () => {
    const secret = "sc-demo-secret ünïcödé";
    const first = encryptSecret(secret, key);
    const second = encryptSecret(secret, key);
    expect(first).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("sc-demo-secret");
    expect(decryptSecret(first, key)).toBe(secret);
    expect(decryptSecret(second, key)).toBe(secret);
  });

  it("detects a changed ciphertext, tag or IV", () => {
    const stored = encryptSecret("refresh-token-value", key);
    const [version, iv, tag, ciphertext] = stored.split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const altered of [
      [version, iv, tag, flip(ciphertext)],
      [version, iv, flip(tag), ciphertext],
      [version, flip(iv), tag, ciphertext],
    ])
      expect(() => decryptSecret(altered.join("."), key)).toThrow(DecryptionError);
    expect(() => decryptSecret(`${version}.${iv}.${tag.slice(0, 4)}.${ciphertext}`, key)).toThrow(
      /truncated/,
    );
    expect(() => decryptSecret("plain-text-secret", key)).toThrow(/v1 format/);
  });

  it("refuses to open a value under another key", () => {
    const stored = encryptSecret("client-secret", key);
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow(/does not open with this key/);
  });
});

describe("the key", () => {
  it("takes 32 bytes as hex or base64 and refuses another length by name", () => {
    const bytes = randomBytes(32);
    expect(parseEncryptionKey(bytes.toString("hex")).equals(bytes)).toBe(true);
    expect(parseEncryptionKey(bytes.toString("base64")).equals(bytes)).toBe(true);
    expect(parseEncryptionKey(bytes.toString("base64url")).equals(bytes)).toBe(true);
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"))).toThrow(
      /PITSTOP_ENCRYPTION_KEY must be 32 bytes .*got 16 bytes/,
    );
    expect(() => parseEncryptionKey("not a key!")).toThrow(EncryptionKeyError);
  });

  it("prefers PITSTOP_ENCRYPTION_KEY and refuses a wrong one rather than generating", () => {
    const directory = freshDirectory();
    const bytes = randomBytes(32);
    expect(
      readEncryptionKey({ PITSTOP_ENCRYPTION_KEY: bytes.toString("hex") }, directory).equals(bytes),
    ).toBe(true);
    expect(() => readEncryptionKey({ PITSTOP_ENCRYPTION_KEY: "abcd" }, directory)).toThrow(
      /PITSTOP_ENCRYPTION_KEY must be 32 bytes/,
    );
    expect(() => statSync(path.join(directory, ENCRYPTION_KEY_FILE))).toThrow();
  });

  it("is generated once into the data directory, owner-only, and read back by the next process", () => {
    const directory = freshDirectory();
    const first = readEncryptionKey({}, directory);
    const file = path.join(directory, ENCRYPTION_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    const again = readEncryptionKey({}, directory);
    expect(again.equals(first)).toBe(true);
    expect(decryptSecret(encryptSecret("shared", first), again)).toBe("shared");
  });
});
