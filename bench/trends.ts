// trends.page_p95_ms: the Trends page (every aggregation, the vendor's status history and the
// render, measured at the server's door over loopback) at 100,000 incidents spread over 120
// days (two in three resolved, most of those with a confirmed cause, one in ten with a completed
// check run), with a probe roll-up per minute for 84 days. Peers: the bare SQL aggregations' p95, so
// the render's and the vendor call's share is visible, and how fast prepare.ts backfills the
// likely cause of incidents stored without one. Runs on the database the environment names
// (bench/main.ts runs it on SQLite, then on PostgreSQL for the pg. keys).
import { incidentSignature } from "@/lib/incidents/signature";
import { buildIfChanged } from "../scripts/build-if-changed.mjs";
import {
  adminSessionCookie,
  freshDatabase,
  insertRows,
  openBenchDatabase,
  prepareDatabase,
  sampleCount,
  type BenchDatabase,
} from "./database";
import { log, percentile, ratio, serveApp, serveSimulator, timed } from "./support";

const INCIDENT_COUNT = 100_000;
const PAGE_REQUESTS = 200;
const QUERY_RUNS = 200;
const PORT = 3311;
const SIM_PORT = 4311;
const DAY_MS = 86_400_000;
const SPAN_DAYS = 120;
const PROBE_DAYS = 84;
const FAILURES = [
  {
    status: 409,
    cause: "vehicle_not_linked",
    text: (n: number) =>
      `Couldn't pair your vehicle. Please try again. (code PAIR-${400 + (n % 40)}, request ${n})`,
  },
  {
    status: 401,
    cause: "account_auth",
    text: (n: number) =>
      `HTTP 401 {"error":"invalid_token","error_description":"token expired at ${n}"} variant ${n % 300}`,
  },
  {
    status: 429,
    cause: "rate_limited",
    text: (n: number) =>
      `HTTP 429 Too Many Requests on endpoint /v${n % 7}/vehicles/status-${n % 200}: retry after ${n % 60} seconds`,
  },
  {
    status: 504,
    cause: "vehicle_connectivity",
    text: (n: number) =>
      `status: 504 command engine_start timed out after ${n}ms on unit TCU-${n % 500}`,
  },
  {
    status: 403,
    cause: "missing_scope",
    text: (n: number) => `HTTP 403 insufficient_scope: vehicle:commands:${n % 250} required`,
  },
];

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The cause a resolved bench incident was confirmed as: mostly its failure's, some not, a few "other". */
const confirmedCause = (n: number, cause: string) =>
  n % 13 === 1 ? "other" : n % 7 === 1 ? "server_outage" : cause;

const incidentId = (n: number) => `trend${n.toString(36).padStart(8, "0")}`;

function* incidents(now: number) {
  for (let n = 0; n < INCIDENT_COUNT; n++) {
    const failure = FAILURES[n % FAILURES.length]!;
    const errorString = failure.text(n);
    const occurred = now - ((n * 97_013) % (SPAN_DAYS * DAY_MS));
    const resolved = n % 3 !== 0 ? Math.min(now, occurred + ((n % 71) + 1) * 3_600_000) : null;
    const occurredAt = new Date(occurred);
    yield [
      incidentId(n),
      `trend-${n}`,
      "Trend bench",
      n % 5 === 0 ? "sandbox" : "prod",
      `tenant-${String(n % 40).padStart(2, "0")}`,
      '["openid"]',
      errorString,
      incidentSignature(errorString),
      failure.status,
      occurredAt,
      `sev${(n % 4) + 1}`,
      resolved ? "resolved" : "open",
      resolved ? new Date(resolved) : null,
      resolved ? confirmedCause(n, failure.cause) : null,
      "bench",
      occurredAt,
      occurredAt,
    ] as const;
  }
}

/** A completed check run for one incident in ten, its top cause right for half of them. */
function* checkRuns(now: number) {
  for (let n = 0; n < INCIDENT_COUNT; n += 10) {
    const failure = FAILURES[n % FAILURES.length]!;
    const occurred = now - ((n * 97_013) % (SPAN_DAYS * DAY_MS));
    const ranked = [{ cause: n % 20 === 0 ? failure.cause : "server_outage", confidence: 0.7 }];
    const started = new Date(occurred + 60_000);
    yield [
      `trendrun${n}`,
      incidentId(n),
      "completed",
      started,
      started,
      JSON.stringify({ ranked }),
    ];
  }
}

/** A 429 burst of 5-20 minutes roughly every six hours per environment, quiet minutes between. */
function* probeMinutes(now: number) {
  const firstMinute = Math.floor((now - PROBE_DAYS * DAY_MS) / 60_000) * 60_000;
  for (const environment of ["sandbox", "prod"]) {
    for (let at = firstMinute, index = 0; at < now; at += 60_000, index++) {
      const cycle = index % 360;
      const status429 = cycle < 5 + (Math.floor(index / 360) % 16) ? 1 + (cycle % 3) : 0;
      yield [environment, "status", new Date(at), 2, 0, status429, 0];
    }
  }
}

/** Incidents without a likely cause (prepare.ts backfills them) and per-minute probe roll-ups. */
async function fillDatabase(database: BenchDatabase, now: number) {
  await database.transaction(async () => {
    await insertRows(
      database,
      "Incident",
      [
        "id",
        "correlationId",
        "title",
        "environment",
        "tenant",
        "scopes",
        "errorString",
        "signature",
        "httpStatus",
        "occurredAt",
        "severity",
        "status",
        "resolvedAt",
        "confirmedCause",
        "reporterLabel",
        "createdAt",
        "updatedAt",
      ],
      incidents(now),
    );
    await insertRows(
      database,
      "CheckRun",
      ["id", "incidentId", "status", "startedAt", "finishedAt", "ranking"],
      checkRuns(now),
    );
    await insertRows(
      database,
      "ProbeMinute",
      ["environment", "endpoint", "minute", "count", "errors", "status429", "status5xx"],
      probeMinutes(now),
    );
  });
  await database.analyze();
}

export async function benchTrends(): Promise<Record<string, number>> {
  if (!buildIfChanged()) throw new Error("the app does not build");
  log("trends: migrating a fresh database");
  const dataDirectory = freshDatabase("trends");
  const now = Date.now();
  log(
    `trends: inserting ${INCIDENT_COUNT.toLocaleString("en")} incidents and ${PROBE_DAYS} days of probe minutes`,
  );
  const database = await openBenchDatabase();
  try {
    await fillDatabase(database, now);
    return await measure(database, dataDirectory, now);
  } finally {
    await database.close();
  }
}

/** One run of every aggregation the Trends page at `url` makes, in process: the page's peer. */
export async function trendsQueriesTime(url: string): Promise<number> {
  const { parseTrendsQuery } = await import("@/lib/trends/query");
  const { bursts429, incidentsByCause, openedResolvedAndResolveTime, topSignatures } =
    await import("@/lib/trends/store");
  const { diagnosisAccuracy } = await import("@/lib/trends/accuracy");
  const parsed = parseTrendsQuery(new URL(url, "http://x").searchParams);
  if (!parsed.ok) throw new Error(parsed.problem);
  const started = performance.now();
  const [causes] = await Promise.all([
    incidentsByCause(parsed.query),
    topSignatures(parsed.query),
    bursts429(parsed.query),
    diagnosisAccuracy(parsed.query),
  ]);
  await openedResolvedAndResolveTime(parsed.query, causes);
  return performance.now() - started;
}

async function measure(
  database: BenchDatabase,
  dataDirectory: string,
  now: number,
): Promise<Record<string, number>> {
  log("trends: backfilling likely causes (scripts/prepare.ts)");
  const backfillStarted = performance.now();
  prepareDatabase();
  const backfillPerSecond = Math.round(
    INCIDENT_COUNT / ((performance.now() - backfillStarted) / 1000),
  );

  const simulator = await serveSimulator(SIM_PORT);
  try {
    const app = await serveApp(dataDirectory, PORT);
    try {
      const cookie = await adminSessionCookie(database);
      const today = new Date(now);
      const urls = [
        "/trends",
        "/trends?environment=prod",
        "/trends?environment=sandbox",
        `/trends?from=${day(new Date(now - (SPAN_DAYS - 1) * DAY_MS))}&to=${day(today)}`,
        `/trends?from=${day(new Date(now - 27 * DAY_MS))}&to=${day(today)}`,
      ];
      const get = (url: string) => () => fetch(`${app.baseUrl}${url}`, { headers: { cookie } });
      for (const url of urls) await timed(get(url));
      log("trends: timing the Trends page");
      const pages: number[] = [];
      for (let n = 0; n < sampleCount(PAGE_REQUESTS); n++)
        pages.push(await timed(get(urls[n % urls.length]!)));

      log("trends: timing the bare aggregation queries");
      const queries: number[] = [];
      for (let n = 0; n < sampleCount(QUERY_RUNS); n++)
        queries.push(await trendsQueriesTime(urls[n % urls.length]!));
      const page = percentile(pages, 95);
      const query = percentile(queries, 95);
      return {
        "trends.page_p95_ms": page,
        "trends.queries_p95_ms": query,
        "trends.page_vs_query": ratio(page, query),
        "trends.backfill_per_s": backfillPerSecond,
      };
    } finally {
      app.stop();
    }
  } finally {
    simulator.stop();
  }
}
