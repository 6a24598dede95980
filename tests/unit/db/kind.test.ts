import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { assertSharedSecrets, databaseKind } from "@/lib/db/kind";
import { readEncryptionKey } from "@/lib/security/encryption";

const POSTGRES = "postgresql://pitstop@127.0.0.1:5432/pitstop";

describe("which database DATABASE_URL selects", () => {
  it("is SQLite when unset, empty or a file: URL, exactly as before PostgreSQL existed", () => {
    expect(databaseKind({})).toBe("sqlite");
    expect(databaseKind({ DATABASE_URL: "" })).toBe("sqlite");
    expect(databaseKind({ DATABASE_URL: "file:./data/pitstop.db" })).toBe("sqlite");
  });

  it("is PostgreSQL for a postgresql:// or postgres:// URL", () => {
    expect(databaseKind({ DATABASE_URL: POSTGRES })).toBe("postgresql");
    expect(databaseKind({ DATABASE_URL: "postgres://db.internal/pitstop" })).toBe("postgresql");
  });

  it("refuses any other URL by naming the variable, rather than quietly using SQLite", () => {
    expect(() => databaseKind({ DATABASE_URL: "mysql://db/pitstop" })).toThrow(
      /DATABASE_URL must start with postgresql:\/\//,
    );
  });
});

describe("secrets that instances on one PostgreSQL must share", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("stop start on PostgreSQL, naming each variable that is missing", () => {
    expect(() => assertSharedSecrets({ DATABASE_URL: POSTGRES })).toThrow(
      /PITSTOP_SESSION_SECRET must be set when DATABASE_URL names PostgreSQL.*PITSTOP_ENCRYPTION_KEY must be set/,
    );
    expect(() =>
      assertSharedSecrets({ DATABASE_URL: POSTGRES, PITSTOP_SESSION_SECRET: "x".repeat(40) }),
    ).toThrow(/^PITSTOP_ENCRYPTION_KEY must be set/);
    expect(() =>
      assertSharedSecrets({
        DATABASE_URL: POSTGRES,
        PITSTOP_SESSION_SECRET: "x".repeat(40),
        PITSTOP_ENCRYPTION_KEY: "k",
      }),
    ).not.toThrow();
  });

  it("are not required on SQLite, where one data directory keeps the generated ones", () => {
    expect(() => assertSharedSecrets({})).not.toThrow();
  });

  it("are never generated into a data directory on PostgreSQL", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "pitstop-pg-key-"));
    expect(() => readEncryptionKey({ DATABASE_URL: POSTGRES }, directory)).toThrow(
      /PITSTOP_ENCRYPTION_KEY must be set when DATABASE_URL names PostgreSQL/,
    );
  });

  it("include the session secret, which is then read from the environment alone", async () => {
    vi.stubEnv("DATABASE_URL", POSTGRES);
    vi.stubEnv("PITSTOP_SESSION_SECRET", undefined);
    vi.resetModules();
    const { sessionSecret } = await import("@/lib/auth/secret");
    expect(() => sessionSecret()).toThrow(/PITSTOP_SESSION_SECRET must be set/);
  });
});
