// A fresh PostgreSQL database for a test run: dropped and created again through the server's
// maintenance database, then brought to the committed PostgreSQL migrations with migrate deploy.
import { execFileSync } from "node:child_process";
import pg from "pg";

export const isPostgresUrl = (url: string | undefined): url is string =>
  url !== undefined && /^postgres(ql)?:\/\//.test(url);

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

export function deployPostgresMigrations(url: string) {
  execFileSync(
    "npx",
    ["prisma", "migrate", "deploy", "--config", "prisma/postgresql/prisma.config.ts"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: url,
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
      },
    },
  );
}
