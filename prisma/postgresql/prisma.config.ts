// Prisma CLI settings for PostgreSQL: `npx prisma <command> --config prisma/postgresql/prisma.config.ts`
// with DATABASE_URL=postgresql://… (the root prisma.config.ts is SQLite's).
import { defineConfig } from "prisma/config";
import { postgresMigrationAdapter } from "../../lib/db/postgres-migration-adapter";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Both paths are relative to this file.
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  // migrate diff and generate build the adapter but never connect: only connecting needs the URL.
  adapter: async () => postgresMigrationAdapter(process.env.DATABASE_URL),
});
