// incidents.list_p95_ms: the incident list page (query + render, measured at the server's
// door over loopback) at 100,000 incidents; incidents.insert_per_s: incidents filed per
// second through POST /api/v1/incidents/batch. Each has a peer measured in the same run, so
// the ratio holds on a noisy machine: the list's own query run in process
// (incidents.list_vs_query), and the same rows written straight into the database with the
// batch insert's own statement, one a batch (incidents.insert_vs_raw). Runs on the database the
// environment names (bench/main.ts runs it on SQLite, then on PostgreSQL for the pg. keys).
import { randomBytes } from "node:crypto";
import { incidentSignature } from "@/lib/incidents/signature";
import { buildIfChanged } from "../scripts/build-if-changed.mjs";
import {
  adminSessionCookie,
  freshDatabase,
  insertRows,
  openBenchDatabase,
  sampleCount,
  type BenchDatabase,
} from "./database";
import { log, percentile, ratio, serveApp, timed } from "./support";

const INCIDENT_COUNT = 100_000;
const PAGE_REQUESTS = 300;
const PORT = 3310;
const LIST_URLS = [
  "/incidents",
  "/incidents?status=open",
  "/incidents?environment=sandbox&sort=severity",
  "/incidents?tenant=tenant-07",
  "/incidents?q=pair",
  "/incidents?page=40",
  "/incidents?from=2026-10-01&to=2026-10-31",
];
const FAILURES = [
  (n: number) =>
    `Couldn't pair your vehicle. Please try again. (code PAIR-${400 + (n % 40)}, request ${n})`,
  (n: number) =>
    `HTTP 401 {"error":"invalid_token","error_description":"token expired at ${n}"} variant ${n % 300}`,
  (n: number) =>
    `HTTP 429 Too Many Requests on endpoint /v${n % 7}/vehicles/status-${n % 200}: retry after ${n % 60} seconds`,
  (n: number) => `status: 504 command engine_start timed out after ${n}ms on unit TCU-${n % 500}`,
  (n: number) => `HTTP 403 insufficient_scope: vehicle:commands:${n % 250} required`,
];

const COLUMNS = [
  "id",
  "correlationId",
  "title",
  "environment",
  "tenant",
  "vin",
  "scopes",
  "errorString",
  "signature",
  "httpStatus",
  "occurredAt",
  "severity",
  "status",
  "reporterLabel",
  "createdAt",
  "updatedAt",
] as const;
const STATUSES = ["open", "triaging", "mitigated", "resolved", "resolved", "resolved"];

function* seedRows(now: number) {
  for (let n = 0; n < INCIDENT_COUNT; n++) {
    const errorString = FAILURES[n % FAILURES.length]!(n);
    const occurredAt = new Date(now - ((n * 97_013) % (120 * 86_400_000)));
    yield [
      `bench${n.toString(36).padStart(8, "0")}`,
      `bench-${n}`,
      ["Pairing failed", "Token rejected", "Rate limited", "Remote start lost", "Missing scope"][
        n % 5
      ]!,
      n % 5 === 0 ? "sandbox" : "prod",
      `tenant-${String(n % 40).padStart(2, "0")}`,
      "JTMBFREV0HD123456",
      '["openid"]',
      errorString,
      incidentSignature(errorString),
      [409, 401, 429, 504, 403][n % 5]!,
      occurredAt,
      `sev${(n % 4) + 1}`,
      STATUSES[n % STATUSES.length]!,
      "bench",
      occurredAt,
      occurredAt,
    ] as const;
  }
}

async function fillDatabase(database: BenchDatabase) {
  await database.transaction(async () => {
    await insertRows(database, "Incident", COLUMNS, seedRows(Date.now()));
  });
  await database.analyze();
}

async function measurePages(baseUrl: string, cookie: string) {
  const get = (url: string) => () => fetch(`${baseUrl}${url}`, { headers: { cookie } });
  for (const url of LIST_URLS) await timed(get(url));
  const samples: number[] = [];
  for (let n = 0; n < sampleCount(PAGE_REQUESTS); n++)
    samples.push(await timed(get(LIST_URLS[n % LIST_URLS.length]!)));
  const groups: number[] = [];
  for (let n = 0; n < 30; n++) groups.push(await timed(get("/incidents?view=groups")));
  return { list: percentile(samples, 95), groups: percentile(groups, 95) };
}

/** The incident list's own queries for `url`, run in process: the list page's peer. */
export async function listQueryTime(url: string): Promise<number> {
  const { listIncidents } = await import("@/lib/incidents/store");
  const { incidentListQuerySchema, searchParamsToObject } =
    await import("@/lib/incidents/list-query");
  const query = incidentListQuerySchema.parse(
    searchParamsToObject(new URL(url, "http://x").searchParams),
  );
  const started = performance.now();
  await listIncidents(query);
  return performance.now() - started;
}

async function measureQuery() {
  const samples: number[] = [];
  for (let n = 0; n < sampleCount(PAGE_REQUESTS); n++)
    samples.push(await listQueryTime(LIST_URLS[n % LIST_URLS.length]!));
  return percentile(samples, 95);
}

const INSERT_BATCHES = 40;
const INSERT_BATCH_SIZE = 500;

const insertRow = (batch: number, n: number) => ({
  correlationId: `insert-${batch}-${n}-${randomBytes(3).toString("hex")}`,
  title: "Bench insert",
  environment: "prod",
  tenant: "bench",
  scopes: ["openid"],
  errorString: FAILURES[n % FAILURES.length]!(n),
  httpStatus: 429,
  occurredAt: new Date().toISOString(),
});

async function measureInserts(baseUrl: string) {
  const { createApiToken } = await import("@/lib/auth/api-tokens");
  const { token } = await createApiToken(
    { name: "bench", role: "sre" },
    { kind: "system", label: "bench" },
  );
  const batches = INSERT_BATCHES;
  const batchSize = INSERT_BATCH_SIZE;
  const concurrency = 4;
  const body = (batch: number) =>
    JSON.stringify({
      incidents: Array.from({ length: batchSize }, (_, n) => insertRow(batch, n)),
    });
  let next = 0;
  let created = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches) {
        const batch = next++;
        const response = await fetch(`${baseUrl}/api/v1/incidents/batch`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body(batch),
        });
        const result = (await response.json()) as { created?: number; results?: unknown[] };
        if (response.status !== 207 || result.created !== batchSize) {
          throw new Error(
            `batch answered ${response.status}: ${JSON.stringify(result.results?.find((item) => (item as { status: number }).status !== 201) ?? result).slice(0, 300)}`,
          );
        }
        created += result.created;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (created !== batches * batchSize)
    throw new Error(`only ${created} of ${batches * batchSize} incidents were created`);
  return Math.round(created / seconds);
}

/**
 * The peer: the same rows written by the bare driver, one INSERT a batch (the statement the batch
 * endpoint runs, lib/db/dialect.ts insertJsonRows), the signature computed as they are written.
 * What the API adds (HTTP, validation, masking, the likely cause, Prisma) is what the ratio shows.
 */
async function measureRawInserts(database: BenchDatabase) {
  const rows = (batch: number) =>
    Array.from({ length: INSERT_BATCH_SIZE }, (_, n) => {
      const row = insertRow(batch, n);
      const now = new Date();
      return [
        `raw${batch}-${n}-${randomBytes(3).toString("hex")}`,
        row.correlationId,
        row.title,
        row.environment,
        row.tenant,
        null,
        JSON.stringify(row.scopes),
        row.errorString,
        incidentSignature(row.errorString),
        row.httpStatus,
        new Date(row.occurredAt),
        "sev3",
        "open",
        "bench",
        now,
        now,
      ] as const;
    });
  const started = performance.now();
  for (let batch = 0; batch < INSERT_BATCHES; batch++)
    await insertRows(database, "Incident", COLUMNS, rows(batch));
  const seconds = (performance.now() - started) / 1000;
  return Math.round((INSERT_BATCHES * INSERT_BATCH_SIZE) / seconds);
}

export async function benchIncidents(): Promise<Record<string, number>> {
  if (!buildIfChanged()) throw new Error("the app does not build");
  log("incidents: migrating a fresh database");
  const dataDirectory = freshDatabase("incidents");
  const database = await openBenchDatabase();
  try {
    log(`incidents: inserting ${INCIDENT_COUNT.toLocaleString("en")} incidents`);
    await fillDatabase(database);
    const app = await serveApp(dataDirectory, PORT);
    try {
      const cookie = await adminSessionCookie(database);
      log("incidents: timing list pages");
      const pages = await measurePages(app.baseUrl, cookie);
      const query = await measureQuery();
      log("incidents: timing batched inserts through the API");
      const insertPerSecond = await measureInserts(app.baseUrl);
      log("incidents: timing the same inserts straight into the database");
      const rawInsertPerSecond = await measureRawInserts(database);
      log(`incidents: ${insertPerSecond} inserts/s through the API, ${rawInsertPerSecond} raw`);
      return {
        "incidents.list_p95_ms": pages.list,
        "incidents.list_query_p95_ms": query,
        "incidents.list_vs_query": ratio(pages.list, query),
        "incidents.groups_page_p95_ms": pages.groups,
        "incidents.insert_per_s": insertPerSecond,
        "incidents.raw_insert_per_s": rawInsertPerSecond,
        "incidents.insert_vs_raw": ratio(insertPerSecond, rawInsertPerSecond),
      };
    } finally {
      app.stop();
    }
  } finally {
    await database.close();
  }
}
