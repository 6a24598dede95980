// scale.*: the incident list and Trends pages at a million incidents (--incidents N to change
// it), p50 and p95 over loopback, each beside its peer run in process in the same run (the list's
// own queries; the Trends aggregations), on whichever database the environment names
// (bench/main.ts runs it on SQLite, then on PostgreSQL for the pg. keys). The incidents are
// spread over a year, a few thousand signatures of uneven frequency, twenty brands, three
// hundred tenants, statuses by age, with a check run for one in twenty; they go in a few
// thousand rows per INSERT with the search index and roll-up triggers live, as filing them would.
import { CAUSE_IDS } from "@/lib/diagnosis/taxonomy";
import { incidentSignature } from "@/lib/incidents/signature";
import { seededRandom } from "@/lib/simulator/random";
import { buildIfChanged } from "../scripts/build-if-changed.mjs";
import {
  adminSessionCookie,
  freshDatabase,
  insertRows,
  openBenchDatabase,
  type BenchDatabase,
} from "./database";
import { listQueryTime } from "./incidents";
import { log, percentile, ratio, serveApp, serveSimulator, timed } from "./support";
import { trendsQueriesTime } from "./trends";

export const SCALE_DEFAULT_INCIDENTS = 1_000_000;
const PORT = 3312;
const SIM_PORT = 4312;
const SAMPLES_PER_URL = 30;
const DAY_MS = 86_400_000;
const SPAN_DAYS = 365;
const TENANTS = 300;

const BRANDS = [
  "Toyota",
  "Lexus",
  "Ford",
  "Lincoln",
  "BMW",
  "Mini",
  "Mercedes-Benz",
  "Tesla",
  "Hyundai",
  "Kia",
  "Volkswagen",
  "Audi",
  "Nissan",
  "Honda",
  "Volvo",
  "Rivian",
  "Jeep",
  "Chevrolet",
  "Smartcar",
  "Enode",
];

type Failure = {
  title: string;
  status: number;
  cause: (typeof CAUSE_IDS)[number];
  /** Kinds of this failure: each its own signature (the code stays in it); `n` varies within one. */
  kinds: number;
  text: (brand: string, kind: number, n: number) => string;
};

const FAILURES: Failure[] = [
  {
    title: "Pairing failed",
    status: 409,
    cause: "vehicle_not_linked",
    kinds: 60,
    text: (brand, kind, n) =>
      `${brand}: Couldn't pair your vehicle. Please try again. (code PAIR-${400 + kind}, request ${n})`,
  },
  {
    title: "Token rejected",
    status: 401,
    cause: "account_auth",
    kinds: 20,
    text: (brand, kind, n) =>
      `${brand} API: HTTP 401 {"error":"invalid_token","error_description":"token expired at ${n}","hint":"H${kind}"}`,
  },
  {
    title: "Rate limited",
    status: 429,
    cause: "rate_limited",
    kinds: 40,
    text: (brand, kind, n) =>
      `${brand} HTTP 429 Too Many Requests on /v2/vehicles/ep-${kind}: retry after ${n % 60} seconds`,
  },
  {
    title: "Remote start lost",
    status: 504,
    cause: "vehicle_connectivity",
    kinds: 80,
    text: (brand, kind, n) =>
      `${brand} status: 504 command engine_start timed out after ${n % 90_000}ms on unit TCU-${kind}`,
  },
  {
    title: "Missing scope",
    status: 403,
    cause: "missing_scope",
    kinds: 25,
    text: (brand, kind) => `${brand}: HTTP 403 insufficient_scope: vehicle:commands:scope${kind}`,
  },
  {
    title: "Subscription expired",
    status: 402,
    cause: "subscription_inactive",
    kinds: 10,
    text: (brand, kind, n) =>
      `${brand} connected services: subscription SUB-${kind} inactive since day ${n % 365}`,
  },
  {
    title: "Vendor outage",
    status: 503,
    cause: "server_outage",
    kinds: 15,
    text: (brand, kind, n) =>
      `${brand} HTTP 503 Service Unavailable from gateway gw${kind} after ${n % 30000}ms`,
  },
  {
    title: "App too old",
    status: 426,
    cause: "app_version",
    kinds: 30,
    text: (brand, kind) => `${brand}: HTTP 426 upgrade required: API version v${kind} is sunset`,
  },
];

/** An index below `count`, low ones far more often: a few common cases and a long tail. */
const skewed = (random: () => number, count: number) => Math.floor(random() ** 2.5 * count);

const INCIDENT_COLUMNS = [
  "id",
  "correlationId",
  "title",
  "environment",
  "tenant",
  "vin",
  "sdkName",
  "scopes",
  "errorString",
  "signature",
  "httpStatus",
  "occurredAt",
  "severity",
  "status",
  "resolvedAt",
  "confirmedCause",
  "initialCause",
  "likelyCause",
  "reporterLabel",
  "createdAt",
  "updatedAt",
] as const;

const incidentId = (n: number) => `scale${n.toString(36).padStart(8, "0")}`;

function* incidents(count: number, now: number) {
  const random = seededRandom(17);
  for (let n = 0; n < count; n++) {
    if (n > 0 && n % 100_000 === 0) log(`scale: ${n.toLocaleString("en")} incidents written`);
    const failure = FAILURES[skewed(random, FAILURES.length)]!;
    const brand = BRANDS[skewed(random, BRANDS.length)]!;
    const errorString = failure.text(brand, skewed(random, failure.kinds), n);
    const occurred = now - Math.floor(random() * SPAN_DAYS * DAY_MS);
    const ageDays = (now - occurred) / DAY_MS;
    // Most of what is older than two weeks has been resolved; recent ones are still being worked.
    const resolved = random() < (ageDays > 14 ? 0.95 : ageDays / 20);
    const resolvedAt = resolved
      ? Math.min(now, occurred + Math.ceil(random() * 72) * 3_600_000)
      : null;
    const status = resolved ? "resolved" : ["open", "triaging", "mitigated"][skewed(random, 3)]!;
    const confirmed = resolved ? (random() < 0.8 ? failure.cause : "server_outage") : null;
    const occurredAt = new Date(occurred);
    yield [
      incidentId(n),
      `scale-${n}`,
      `${failure.title} (${brand})`,
      random() < 0.2 ? "sandbox" : "prod",
      `tenant-${String(skewed(random, TENANTS)).padStart(3, "0")}`,
      `JTMBFREV${String(Math.floor(random() * 1e9)).padStart(9, "0")}`,
      `${brand.toLowerCase()}-sdk`,
      '["openid"]',
      errorString,
      incidentSignature(errorString),
      failure.status,
      occurredAt,
      `sev${1 + Math.min(3, Math.floor(random() * 5))}`,
      status,
      resolvedAt ? new Date(resolvedAt) : null,
      confirmed,
      failure.cause,
      confirmed ?? failure.cause,
      "bench",
      occurredAt,
      occurredAt,
    ] as const;
  }
}

/** A completed check run for one incident in twenty, its top cause mostly right. */
function* checkRuns(count: number, now: number) {
  const random = seededRandom(29);
  for (let n = 0; n < count; n += 20) {
    const cause = CAUSE_IDS[Math.floor(random() * CAUSE_IDS.length)]!;
    const started = new Date(now - Math.floor(random() * SPAN_DAYS * DAY_MS));
    const ranking = JSON.stringify({ ranked: [{ cause, confidence: 0.7 }] });
    yield [`scalerun${n}`, incidentId(n), "completed", started, started, ranking];
  }
}

async function fillDatabase(database: BenchDatabase, count: number, now: number) {
  await insertRows(database, "Incident", INCIDENT_COLUMNS, incidents(count, now));
  await insertRows(
    database,
    "CheckRun",
    ["id", "incidentId", "status", "startedAt", "finishedAt", "ranking"],
    checkRuns(count, now),
  );
  await database.analyze();
}

type Samples = { pages: number[]; queries: number[] };

/** Each URL in turn, `SAMPLES_PER_URL` times over loopback, then as often its peer in process. */
async function sample(
  urls: readonly string[],
  fetchPage: (url: string) => () => Promise<Response>,
  peer: (url: string) => Promise<number>,
): Promise<Samples> {
  // Warm-up: the first request compiles, the first peer run loads the store and opens the pool.
  for (const url of urls) await timed(fetchPage(url));
  for (const url of urls) await peer(url);
  const samples: Samples = { pages: [], queries: [] };
  for (let n = 0; n < SAMPLES_PER_URL * urls.length; n++)
    samples.pages.push(await timed(fetchPage(urls[n % urls.length]!)));
  for (let n = 0; n < SAMPLES_PER_URL * urls.length; n++)
    samples.queries.push(await peer(urls[n % urls.length]!));
  return samples;
}

function figures(prefix: string, page: string, query: string, { pages, queries }: Samples) {
  return {
    [`${prefix}.${page}_p50_ms`]: percentile(pages, 50),
    [`${prefix}.${page}_p95_ms`]: percentile(pages, 95),
    [`${prefix}.${query}_p50_ms`]: percentile(queries, 50),
    [`${prefix}.${query}_p95_ms`]: percentile(queries, 95),
    [`${prefix}.${page}_vs_query`]: ratio(percentile(pages, 95), percentile(queries, 95)),
  };
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

export async function benchScale(count: number): Promise<Record<string, number>> {
  if (!buildIfChanged()) throw new Error("the app does not build");
  log("scale: migrating a fresh database");
  const dataDirectory = freshDatabase("scale");
  const database = await openBenchDatabase();
  try {
    const now = Date.now();
    log(`scale: inserting ${count.toLocaleString("en")} incidents`);
    const seedStarted = performance.now();
    await fillDatabase(database, count, now);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`scale: seeded in ${seedSeconds.toFixed(1)} s`);

    const simulator = await serveSimulator(SIM_PORT);
    try {
      const app = await serveApp(dataDirectory, PORT);
      try {
        const cookie = await adminSessionCookie(database);
        const get = (url: string) => () => fetch(`${app.baseUrl}${url}`, { headers: { cookie } });
        log("scale: timing the incident list (first page, filtered, search)");
        const first = await sample(["/incidents"], get, listQueryTime);
        const filtered = await sample(
          ["/incidents?status=open&environment=prod", "/incidents?tenant=tenant-042&page=3"],
          get,
          listQueryTime,
        );
        const search = await sample(
          ["/incidents?q=pair", "/incidents?q=timed+out+tcu", "/incidents?q=rivian"],
          get,
          listQueryTime,
        );
        log("scale: timing the Trends page");
        const trends = await sample(
          [
            "/trends",
            "/trends?environment=prod",
            `/trends?from=${day(now - (SPAN_DAYS - 1) * DAY_MS)}&to=${day(now)}`,
          ],
          get,
          trendsQueriesTime,
        );
        const all = {
          pages: [...first.pages, ...filtered.pages, ...search.pages],
          queries: [...first.queries, ...filtered.queries, ...search.queries],
        };
        return {
          "scale.incident_count": count,
          "scale.seed_s": Number(seedSeconds.toFixed(1)),
          ...figures("scale.incidents", "list", "list_query", all),
          ...figures("scale.incidents", "first_page", "first_page_query", first),
          ...figures("scale.incidents", "filtered", "filtered_query", filtered),
          ...figures("scale.incidents", "search", "search_query", search),
          ...figures("scale.trends", "page", "queries", trends),
        };
      } finally {
        app.stop();
      }
    } finally {
      simulator.stop();
    }
  } finally {
    await database.close();
  }
}
