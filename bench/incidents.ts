// incidents.list_p95_ms: the incident list page (query + render, measured at the server's
// door over loopback) at 100,000 incidents; incidents.insert_per_s: incidents filed per
// second through POST /api/v1/incidents/batch. Each has a peer measured in the same run, so
// the ratio holds on a noisy machine: the list's own query run in process
// (incidents.list_vs_query), and the same rows written straight into SQLite with one
// transaction per batch (incidents.insert_vs_raw).
import { randomBytes } from "node:crypto";
import path from "node:path";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { sqliteTime } from "@/lib/db/sqlite-time";
import { incidentSignature } from "@/lib/incidents/signature";
import { buildIfChanged } from "../scripts/build-if-changed.mjs";
import {
  adminSessionCookie,
  freshDataDirectory,
  log,
  percentile,
  ratio,
  serveApp,
  timed,
} from "./support";

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

const insertStatement = (sqlite: Database.Database) =>
  sqlite.prepare(`INSERT INTO "Incident" (id, correlationId, title, environment, tenant, vin, scopes,
    errorString, signature, httpStatus, occurredAt, severity, status, reporterLabel, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, '["openid"]', ?, ?, ?, ?, ?, ?, 'bench', ?, ?)`);

function fillDatabase(databaseFile: string) {
  const sqlite = new Database(databaseFile);
  const insert = insertStatement(sqlite);
  const now = Date.now();
  const statuses = ["open", "triaging", "mitigated", "resolved", "resolved", "resolved"];
  sqlite.transaction(() => {
    for (let n = 0; n < INCIDENT_COUNT; n++) {
      const errorString = FAILURES[n % FAILURES.length]!(n);
      const occurredAt = sqliteTime(new Date(now - ((n * 97_013) % (120 * 86_400_000))));
      insert.run(
        `bench${n.toString(36).padStart(8, "0")}`,
        `bench-${n}`,
        ["Pairing failed", "Token rejected", "Rate limited", "Remote start lost", "Missing scope"][
          n % 5
        ],
        n % 5 === 0 ? "sandbox" : "prod",
        `tenant-${String(n % 40).padStart(2, "0")}`,
        "JTMBFREV0HD123456",
        errorString,
        incidentSignature(errorString),
        [409, 401, 429, 504, 403][n % 5],
        occurredAt,
        `sev${(n % 4) + 1}`,
        statuses[n % statuses.length],
        occurredAt,
        occurredAt,
      );
    }
  })();
  sqlite.pragma("optimize");
  sqlite.close();
}

async function measurePages(baseUrl: string, cookie: string) {
  const get = (url: string) => () => fetch(`${baseUrl}${url}`, { headers: { cookie } });
  for (const url of LIST_URLS) await timed(get(url));
  const samples: number[] = [];
  for (let n = 0; n < PAGE_REQUESTS; n++)
    samples.push(await timed(get(LIST_URLS[n % LIST_URLS.length]!)));
  const groups: number[] = [];
  for (let n = 0; n < 30; n++) groups.push(await timed(get("/incidents?view=groups")));
  return { list: percentile(samples, 95), groups: percentile(groups, 95) };
}

async function measureQuery() {
  const { listIncidents } = await import("@/lib/incidents/store");
  const { incidentListQuerySchema, searchParamsToObject } =
    await import("@/lib/incidents/list-query");
  const samples: number[] = [];
  for (let n = 0; n < PAGE_REQUESTS; n++) {
    const url = new URL(LIST_URLS[n % LIST_URLS.length]!, "http://x");
    const query = incidentListQuerySchema.parse(searchParamsToObject(url.searchParams));
    const started = performance.now();
    await listIncidents(query);
    samples.push(performance.now() - started);
  }
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
 * The peer: the same rows written with better-sqlite3, a transaction a batch, the signature
 * computed as they are written. What the API adds (HTTP, validation, masking, the likely cause,
 * Prisma) is what the ratio shows.
 */
function measureRawInserts(databaseFile: string) {
  const sqlite = new Database(databaseFile);
  sqlite.pragma("busy_timeout = 5000");
  const insert = insertStatement(sqlite);
  const insertBatch = sqlite.transaction((batch: number) => {
    for (let n = 0; n < INSERT_BATCH_SIZE; n++) {
      const row = insertRow(batch, n);
      const now = sqliteTime(new Date());
      insert.run(
        `raw${batch}-${n}-${randomBytes(3).toString("hex")}`,
        row.correlationId,
        row.title,
        row.environment,
        row.tenant,
        null,
        row.errorString,
        incidentSignature(row.errorString),
        row.httpStatus,
        sqliteTime(new Date(row.occurredAt)),
        "sev3",
        "open",
        now,
        now,
      );
    }
  });
  const started = performance.now();
  for (let batch = 0; batch < INSERT_BATCHES; batch++) insertBatch(batch);
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  return Math.round((INSERT_BATCHES * INSERT_BATCH_SIZE) / seconds);
}

export async function benchIncidents(): Promise<Record<string, number>> {
  if (!buildIfChanged()) throw new Error("the app does not build");
  const dataDirectory = freshDataDirectory("incidents");
  process.env.PITSTOP_DATA_DIR = dataDirectory;
  const databaseFile = path.join(dataDirectory, "pitstop.db");
  log("incidents: migrating a fresh database");
  execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
    { stdio: ["ignore", "ignore", "inherit"], env: process.env },
  );
  log(`incidents: inserting ${INCIDENT_COUNT.toLocaleString("en")} incidents`);
  fillDatabase(databaseFile);
  const app = await serveApp(dataDirectory, PORT);
  try {
    const cookie = await adminSessionCookie(databaseFile);
    log("incidents: timing list pages");
    const pages = await measurePages(app.baseUrl, cookie);
    const query = await measureQuery();
    log("incidents: timing batched inserts through the API");
    const insertPerSecond = await measureInserts(app.baseUrl);
    log("incidents: timing the same inserts straight into SQLite");
    const rawInsertPerSecond = measureRawInserts(databaseFile);
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
}
