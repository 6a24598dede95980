// Which database Pitstop runs on, from DATABASE_URL: PostgreSQL for a postgresql:// or
// postgres:// URL, SQLite (the file under PITSTOP_DATA_DIR) when unset or a file: URL.
// Plain code without server-only, so scripts and the Prisma configs can ask too.
import { z } from "zod";

export type DatabaseKind = "sqlite" | "postgresql";

/** Whether `url` names a PostgreSQL database (postgresql:// or postgres://). */
export const isPostgresUrl = (url: string | undefined): url is string =>
  url !== undefined && /^postgres(ql)?:\/\//.test(url);

const databaseUrl = z
  .string()
  .optional()
  .refine(
    (url) => !url || /^(postgres(ql)?:\/\/|file:)/.test(url),
    "DATABASE_URL must start with postgresql://, postgres:// or file:",
  );

export function databaseKind(env: Record<string, string | undefined> = process.env): DatabaseKind {
  const parsed = databaseUrl.safeParse(env.DATABASE_URL || undefined);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return isPostgresUrl(parsed.data) ? "postgresql" : "sqlite";
}

/**
 * On PostgreSQL several app instances share one database, and each would otherwise generate its
 * own session secret and encryption key into its own data directory and reject the others'
 * sessions and stored secrets. So there both come from the environment, or Pitstop stops.
 */
export const SHARED_SECRET_VARIABLES = [
  "PITSTOP_SESSION_SECRET",
  "PITSTOP_ENCRYPTION_KEY",
] as const;

export function missingSharedSecret(
  name: (typeof SHARED_SECRET_VARIABLES)[number],
  env: Record<string, string | undefined> = process.env,
): string | null {
  if (databaseKind(env) !== "postgresql" || env[name]) return null;
  return `${name} must be set when DATABASE_URL names PostgreSQL: every app instance on one database needs the same value (make one with: openssl rand -base64 32)`;
}

/** Throws naming every shared secret missing from the environment on PostgreSQL. */
export function assertSharedSecrets(env: Record<string, string | undefined> = process.env) {
  const missing = SHARED_SECRET_VARIABLES.map((name) => missingSharedSecret(name, env)).filter(
    (problem): problem is string => problem !== null,
  );
  if (missing.length > 0) throw new Error(missing.join("; "));
}
