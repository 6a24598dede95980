// A fresh PostgreSQL database for a test run: dropped and created again through the server's
// maintenance database, then brought to the committed PostgreSQL migrations with migrate deploy.
import pg from "pg";
import { deployPostgresMigrations } from "@/lib/db/migrations";

export async function resetPostgresDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[\w-]+$/.test(name)) throw new Error(`unexpected test database name "${name}" in ${url}`);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** Deploys PostgreSQL's migrations into `url`; throws with prisma's output when they fail. */
export function deployOrThrow(url: string) {
  const deployed = deployPostgresMigrations(url);
  if (!deployed.ok) throw new Error(`PostgreSQL migrations failed:\n${deployed.output}`);
}
