import "server-only";
// Moves an install's data from its SQLite file into PostgreSQL (`pitstop migrate-data`): table by
// table in foreign-key order, in batches that each commit together with the move's progress, so a
// run that was stopped continues where it left off. The trend and accuracy roll-ups are not
// copied: PostgreSQL's triggers rebuild them as the incidents arrive (copying them as well would
// count every incident twice), and its search needs no table of its own (GIN indexes).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SESSION_SECRET_FILE } from "@/lib/auth/secret";
import { ENCRYPTION_KEY_FILE } from "@/lib/security/encryption";
import { Prisma, createPostgresClient, type PrismaClient } from "./client";
import { insertJsonRowsOnPostgres, type JsonCell } from "./dialect";
import { SHARED_SECRET_VARIABLES } from "./kind";
import { dataDirectory } from "./location";
import { deployPendingPostgresMigrations } from "./migrations";

type ModelName = Prisma.ModelName;

export type MovedTable = {
  model: ModelName;
  /** The primary key's columns: batches walk the source in this order. */
  key: readonly string[];
  /** An autoincrement id, whose PostgreSQL sequence must end up past the copied ids. */
  serial?: true;
};

/** Every model, parents before the tables whose foreign keys point at them. */
export const MOVED_TABLES: readonly MovedTable[] = [
  { model: "User", key: ["id"] },
  { model: "UserInvite", key: ["id"] },
  { model: "Session", key: ["id"] },
  { model: "SignInThrottle", key: ["key"] },
  { model: "HashAdmission", key: ["slot"] },
  { model: "ApiToken", key: ["id"] },
  { model: "VendorConnection", key: ["id"] },
  { model: "SmartcarAccountLink", key: ["id"] },
  { model: "SmartcarConnectState", key: ["id"] },
  { model: "Incident", key: ["id"] },
  { model: "IdempotencyRecord", key: ["id"], serial: true },
  { model: "AuditEvent", key: ["id"], serial: true },
  { model: "IncidentAnswer", key: ["id"] },
  { model: "CheckRun", key: ["id"] },
  { model: "CheckResult", key: ["id"], serial: true },
  { model: "ChangeEvent", key: ["id"] },
  { model: "RunbookEntry", key: ["id"] },
  { model: "RunbookVersion", key: ["id"] },
  { model: "RunbookReview", key: ["id"] },
  { model: "SoakRun", key: ["id"] },
  { model: "SoakSlot", key: ["name"] },
  { model: "SoakSampleChunk", key: ["id"], serial: true },
  { model: "SoakSecond", key: ["runId", "second"] },
  { model: "ProbeSample", key: ["id"], serial: true },
  { model: "ProbeMinute", key: ["environment", "endpoint", "minute"] },
  { model: "ProbeStateChange", key: ["id"], serial: true },
  { model: "AppSetting", key: ["key"] },
  { model: "Lease", key: ["name"] },
  { model: "ScheduledRun", key: ["job", "slot"] },
  { model: "IncidentEvent", key: ["id"], serial: true },
  { model: "IncidentViewer", key: ["incidentId", "userId"] },
  { model: "Webhook", key: ["id"] },
  { model: "WebhookDelivery", key: ["id"] },
  { model: "WebhookAttempt", key: ["id"], serial: true },
];

/**
 * The roll-ups PostgreSQL's triggers keep from Incident (prisma/postgresql/migrations/
 * 20261203071600_search_and_rollups), compared with SQLite's rather than copied. Rows whose
 * figures are all zero are left out: both databases keep a key once its last incident moved away.
 */
export const REBUILT_ROLLUPS = [
  { table: "IncidentTrendDay", figures: ["opened", "resolved", "resolveMs"] },
  { table: "IncidentAccuracyDay", figures: ["n", "hits"] },
] as const;

/** The target's record of the move: per table, how far it got, and from which SQLite file. */
export const PROGRESS_TABLE = "PitstopDataMove";

type KeyValue = string | number | Date;
type Row = Record<string, unknown>;
type Delegate = {
  findMany(args: { where?: object; orderBy: object[]; take: number }): Promise<Row[]>;
  count(): Promise<number>;
};

// Both clients are generated from one schema, so a model's delegate has the same name on each.
const delegate = (client: PrismaClient, model: ModelName): Delegate =>
  (client as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;

const quoted = (name: string) => `"${name}"`;

/** Rows after `last` in key order; a leading range on the first column lets SQLite seek to it. */
function after(key: readonly string[], last: KeyValue[] | null): object | undefined {
  if (!last) return undefined;
  if (key.length === 1) return { [key[0]!]: { gt: last[0] } };
  const branches = key.map((column, i) => ({
    ...Object.fromEntries(key.slice(0, i).map((earlier, j) => [earlier, last[j]])),
    [column]: { gt: last[i] },
  }));
  return { AND: [{ [key[0]!]: { gte: last[0] } }, { OR: branches }] };
}

// The last copied key as the target stores it: JSON, with dates tagged so they come back as dates.
const encodeKey = (values: KeyValue[]) =>
  JSON.stringify(
    values.map((value) => (value instanceof Date ? { date: value.toISOString() } : value)),
  );

const storedKeySchema = z.array(
  z.union([
    z.string(),
    z.number(),
    z.object({ date: z.iso.datetime() }).transform(({ date }) => new Date(date)),
  ]),
);

const progressRowSchema = z.object({
  table: z.string(),
  source: z.string(),
  lastKey: z.string().transform((text, context) => {
    const parsed = storedKeySchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    context.addIssue({ code: "custom", message: `unreadable lastKey ${text}` });
    return z.NEVER;
  }),
  copied: z.coerce.number().int(),
});
type Progress = z.infer<typeof progressRowSchema>;

export type TableCount = {
  table: string;
  source: number;
  target: number;
  /** "copied", or "rebuilt" for a roll-up compared row by row (its non-zero rows counted). */
  how: "copied" | "rebuilt";
  matches: boolean;
};

export type MoveOutcome =
  | { kind: "refused"; reason: string }
  | { kind: "moved"; counts: TableCount[]; mismatched: string[] };

export type MoveOptions = {
  source: PrismaClient;
  /** The SQLite file, recorded in the target so that a rerun knows its own earlier progress. */
  sourceName: string;
  targetUrl: string;
  batchSize: number;
  /** Empty every Pitstop table of the target first, whatever it holds. */
  replace: boolean;
  log: (line: string) => void;
  /** Awaited after each committed batch (a test stops the move here, as a kill would). */
  afterBatch?: (table: ModelName, copied: number) => void | Promise<void>;
};

/**
 * Deploys PostgreSQL's pending migrations on the target, copies every row the target lacks,
 * advances the sequences and compares every table's count. Throws when the deploy or a batch
 * fails.
 */
export async function moveToPostgres(options: MoveOptions): Promise<MoveOutcome> {
  const { log } = options;
  const deployed = await deployPendingPostgresMigrations(options.targetUrl);
  if (!deployed.ok) throw new Error(`the target's migrations: ${deployed.problem}`);
  log(
    deployed.applied.length === 0
      ? "the target's migrations are up to date"
      : `applied ${deployed.applied.length} migration(s) on the target`,
  );

  const target = createPostgresClient(options.targetUrl);
  try {
    await target.$executeRawUnsafe(
      `CREATE TABLE IF NOT EXISTS ${quoted(PROGRESS_TABLE)} ("table" TEXT PRIMARY KEY, "source" TEXT NOT NULL, "lastKey" TEXT NOT NULL, "copied" INTEGER NOT NULL, "updatedAt" TIMESTAMP(3) NOT NULL)`,
    );
    if (options.replace) {
      log("--replace: emptying the target's tables…");
      const tables = [
        ...MOVED_TABLES.map(({ model }) => model),
        ...REBUILT_ROLLUPS.map(({ table }) => table),
        PROGRESS_TABLE,
      ];
      await target.$executeRawUnsafe(
        `TRUNCATE ${tables.map(quoted).join(", ")} RESTART IDENTITY CASCADE`,
      );
    }
    const progress = await readProgress(target);
    const refusal = await refusalFor(target, progress, options.sourceName);
    if (refusal) return { kind: "refused", reason: refusal };
    if (progress.size > 0) log(`continuing the move from ${options.sourceName}`);

    for (const table of MOVED_TABLES)
      await copyTable(table, options, target, progress.get(table.model));
    for (const { model } of MOVED_TABLES.filter((table) => table.serial)) {
      // Past the copied ids, or the first row written on PostgreSQL would collide with one.
      await target.$executeRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('${quoted(model)}', 'id'), coalesce(max("id"), 0) + 1, false) FROM ${quoted(model)}`,
      );
    }
    const counts = await compareCounts(options.source, target);
    return {
      kind: "moved",
      counts,
      mismatched: counts.filter((count) => !count.matches).map((count) => count.table),
    };
  } finally {
    await target.$disconnect();
  }
}

async function readProgress(target: PrismaClient): Promise<Map<string, Progress>> {
  const rows = await target.$queryRawUnsafe<unknown[]>(
    `SELECT "table", "source", "lastKey", "copied" FROM ${quoted(PROGRESS_TABLE)}`,
  );
  const progress = z.array(progressRowSchema).parse(rows);
  return new Map(progress.map((row) => [row.table, row]));
}

/**
 * Why the move must not write into this target: it holds rows no run of this move wrote, or
 * another SQLite file's move. Null when it is empty or holds this file's earlier progress.
 */
async function refusalFor(
  target: PrismaClient,
  progress: Map<string, Progress>,
  sourceName: string,
): Promise<string | null> {
  const others = [...progress.values()].filter((row) => row.source !== sourceName);
  if (others.length > 0)
    return `the target holds a move from ${others[0]!.source}, not from ${sourceName}; give --replace to empty it first`;
  if (progress.size > 0) return null;
  const occupied: string[] = [];
  for (const { model } of MOVED_TABLES) {
    const rows = await delegate(target, model).count();
    if (rows > 0) occupied.push(`${model} (${rows})`);
  }
  return occupied.length > 0
    ? `the target already holds rows that no run of this move wrote: ${occupied.join(", ")}; give --replace to delete every Pitstop row there first`
    : null;
}

async function copyTable(
  { model, key }: MovedTable,
  { source, sourceName, batchSize, log, afterBatch }: MoveOptions,
  target: PrismaClient,
  earlier: Progress | undefined,
) {
  let last: KeyValue[] | null = earlier?.lastKey ?? null;
  let copied = earlier?.copied ?? 0;
  const total = await delegate(source, model).count();
  const orderBy = key.map((column) => ({ [column]: "asc" }));
  for (;;) {
    const rows = await delegate(source, model).findMany({
      where: after(key, last),
      orderBy,
      take: batchSize,
    });
    if (rows.length === 0) break;
    const columns = Object.keys(rows[0]!);
    const next = key.map((column) => rows.at(-1)![column] as KeyValue);
    await target.$transaction(async (tx) => {
      // One JSON parameter per batch: about ten times faster here than the client's createMany.
      // A key already taken in the target (a row something else wrote there, say Pitstop started
      // on it between two runs) keeps that row; the count check then reports the table.
      await tx.$executeRaw`${insertJsonRowsOnPostgres(
        model,
        columns,
        rows.map((row) => columns.map((column) => row[column] as JsonCell)),
      )} ON CONFLICT DO NOTHING`;
      await tx.$executeRawUnsafe(
        `INSERT INTO ${quoted(PROGRESS_TABLE)} ("table", "source", "lastKey", "copied", "updatedAt")
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT ("table") DO UPDATE SET "lastKey" = excluded."lastKey", "copied" = excluded."copied", "updatedAt" = excluded."updatedAt"`,
        model,
        sourceName,
        encodeKey(next),
        copied + rows.length,
      );
    });
    copied += rows.length;
    last = next;
    log(`${model}: ${copied} of ${total} rows copied`);
    await afterBatch?.(model, copied);
  }
}

async function compareCounts(source: PrismaClient, target: PrismaClient): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const { model } of MOVED_TABLES) {
    const [from, to] = [
      await delegate(source, model).count(),
      await delegate(target, model).count(),
    ];
    counts.push({ table: model, source: from, target: to, how: "copied", matches: from === to });
  }
  for (const { table, figures } of REBUILT_ROLLUPS) {
    const [from, to] = [
      await rollupRows(source, table, figures),
      await rollupRows(target, table, figures),
    ];
    const matches = from.size === to.size && [...from].every(([key, row]) => to.get(key) === row);
    counts.push({ table, source: from.size, target: to.size, how: "rebuilt", matches });
  }
  return counts;
}

/** A roll-up's non-zero rows, keyed by environment, day and cause, figures as one string. */
async function rollupRows(
  client: PrismaClient,
  table: string,
  figures: readonly string[],
): Promise<Map<string, string>> {
  const rows = await client.$queryRawUnsafe<Row[]>(
    `SELECT "environment", "day", "cause", ${figures.map(quoted).join(", ")} FROM ${quoted(table)}
     WHERE ${figures.map((figure) => `${quoted(figure)} <> 0`).join(" OR ")}`,
  );
  return new Map(
    rows.map((row) => [
      `${row.environment}|${row.day}|${row.cause}`,
      figures.map((figure) => Number(row[figure])).join("|"),
    ]),
  );
}

/** Renders the counts as a plain table, one line a table, mismatches marked. */
export function countsTable(counts: readonly TableCount[]): string {
  const width = Math.max(...counts.map((count) => count.table.length), "table".length);
  const line = (cells: string[]) =>
    `${cells[0]!.padEnd(width)}  ${cells[1]!.padStart(9)}  ${cells[2]!.padStart(9)}  ${cells[3]}`;
  return [
    line(["table", "sqlite", "postgres", ""]),
    ...counts.map((count) =>
      line([
        count.table,
        String(count.source),
        String(count.target),
        [count.how === "rebuilt" ? "rebuilt by triggers" : "", count.matches ? "" : "MISMATCH"]
          .filter(Boolean)
          .join(", "),
      ]),
    ),
  ].join("\n");
}

export type CarriedSecret = {
  variable: (typeof SHARED_SECRET_VARIABLES)[number];
  /** Where the SQLite install reads it: this environment, the file it generated, or nowhere yet. */
  from: "environment" | "file" | "none";
  file: string;
  /** What the operator must do so PostgreSQL's instances open what the SQLite install wrote. */
  instruction: string;
};

const SECRET_FILES = {
  PITSTOP_SESSION_SECRET: SESSION_SECRET_FILE,
  PITSTOP_ENCRYPTION_KEY: ENCRYPTION_KEY_FILE,
} as const;

/**
 * The session secret and encryption key the SQLite install uses, and how to hand each to the
 * PostgreSQL instances, which read them from the environment only (lib/db/kind.ts): moved sessions
 * are signed, and moved vendor secrets encrypted, with these values. Printed, never the values.
 */
export function secretsToCarry(
  env: Record<string, string | undefined> = process.env,
  directory: string = dataDirectory(),
): CarriedSecret[] {
  return SHARED_SECRET_VARIABLES.map((variable) => {
    const file = path.join(directory, SECRET_FILES[variable]);
    const generated = existsSync(file) ? readFileSync(file, "utf8").trim() : null;
    if (env[variable]) {
      const differs = generated !== null && generated !== env[variable]!.trim();
      return {
        variable,
        from: "environment",
        file,
        instruction: differs
          ? `${variable}: this shell's value differs from ${file}; give the PostgreSQL instances the one the SQLite install ran with (the file's, unless it was started with this variable)`
          : `${variable}: give the PostgreSQL instances the value this shell has`,
      };
    }
    if (generated !== null)
      return {
        variable,
        from: "file",
        file,
        instruction: `${variable}="$(cat ${file})": the SQLite install generated it; every PostgreSQL instance needs it`,
      };
    return {
      variable,
      from: "none",
      file,
      instruction: `${variable}: the SQLite install never made one, so nothing moved depends on it; set a new one (openssl rand -base64 32)`,
    };
  });
}
