// Planted secrets, as an attacker (or a hurried on-caller) would paste them, through every entry
// point: incident and runbook forms, the API single and batch, `pitstop ingest`, a soak run's
// target URL and a vendor request carrying secret headers. None may come back in a page, an API
// answer, a stored row, the checks' evidence or an export. Prints what it searched.
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, SIMULATOR, signIn, test } from "./support";

const DATA_DIR = path.resolve("data/e2e");
const run = Date.now().toString(36);

// One set per entry point, so a leak names the path it came through.
const ENTRY_POINTS = [
  "incident-form",
  "api-single",
  "api-batch",
  "cli-ingest",
  "runbook-form",
  "soak-api",
  "vendor-headers",
] as const;
type EntryPoint = (typeof ENTRY_POINTS)[number];
const secretsOf = (entry: EntryPoint) => {
  const tag = `${entry.replace(/-/g, "")}${run}`;
  return {
    bearer: `brr${tag}0a1b2c3d4e5f`,
    jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ${tag}In0.c2ln${tag}ZmFrZQ`,
    clientSecret: `cs${tag}9f8e7d`,
    password: `pw${tag}5c4b3a`,
  };
};
const ALL_SECRETS = ENTRY_POINTS.flatMap((entry) =>
  Object.values(secretsOf(entry)).map((secret) => ({ entry, secret })),
);
const errorStringFor = (entry: EntryPoint) => {
  const s = secretsOf(entry);
  return `POST /oauth/token 401 TSC-4003 for JTMBFREVXRD100001: Authorization: Bearer ${s.bearer} id_token=${s.jwt} client_secret=${s.clientSecret}&password=${s.password}`;
};
const titleFor = (entry: EntryPoint) =>
  `Planted ${entry} ${run} client_secret=${secretsOf(entry).clientSecret}`;

let searched = 0;
function expectNoSecret(where: string, text: string) {
  searched++;
  const leaked = ALL_SECRETS.filter(({ secret }) => text.includes(secret));
  expect(leaked, `${where} carries a planted secret`).toEqual([]);
}

function pitstop(args: string[], input?: string): string {
  return execFileSync("./bin/pitstop", args, {
    env: { ...process.env, PITSTOP_DATA_DIR: DATA_DIR },
    encoding: "utf8",
    input,
  });
}

const incidentBody = (entry: EntryPoint, correlationId: string) => ({
  correlationId,
  title: titleFor(entry),
  environment: "sandbox",
  tenant: "fleetco",
  vin: "JTMBFREVXRD100001",
  accountRef: "ava.active@example.com",
  scopes: ["openid"],
  errorString: errorStringFor(entry),
  httpStatus: 401,
  severity: "sev3",
});

async function fillIncidentForm(page: Page, correlationId: string) {
  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill(titleFor("incident-form"));
  await page.getByLabel("Correlation id").fill(correlationId);
  await page.getByLabel("Tenant").fill("fleetco");
  await page.getByLabel("Error string").fill(errorStringFor("incident-form"));
  await page.getByLabel("HTTP status").fill("401");
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/(?!new)[^/?]+$/, { timeout: 30_000 });
}

test("secrets planted through every entry point never come back", async ({ page, request }) => {
  test.setTimeout(180_000);
  const token = pitstop(["token", "create", "--name", `e2e-planted-${run}`, "--role", "admin"]);
  const auth = { Authorization: `Bearer ${token.trim()}` };
  const ids: string[] = [];
  const pages: string[] = [];

  // The forms.
  await signIn(page, DEMO_EMAILS.admin);
  await fillIncidentForm(page, `planted-form-${run}`);
  await expect(page.getByRole("note")).toContainText("5 secret-looking values", {
    timeout: 30_000,
  });
  pages.push(page.url());
  const s = secretsOf("runbook-form");
  await page.goto("/runbooks/new");
  await page.getByLabel("Title").fill(titleFor("runbook-form"));
  await page.getByLabel("Cause").selectOption("account_auth");
  await page.getByLabel("Error string").fill(errorStringFor("runbook-form"));
  await page.getByLabel("Fix applied").fill(`Rotated; the old bearer was Bearer ${s.bearer}`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/runbooks\/(?!new)[^/?]+$/, { timeout: 30_000 });
  const runbookId = page.url().split("/").pop()!;
  pages.push(page.url());

  // The API, single and batch, and the CLI.
  const single = await request.post("/api/v1/incidents", {
    headers: auth,
    data: incidentBody("api-single", `planted-single-${run}`),
  });
  expect(single.status()).toBe(201);
  expectNoSecret("POST /api/v1/incidents answer", await single.text());
  ids.push((await single.json()).id);
  const batch = await request.post("/api/v1/incidents/batch", {
    headers: auth,
    data: { incidents: [incidentBody("api-batch", `planted-batch-${run}`)] },
  });
  expect(batch.ok()).toBe(true);
  expectNoSecret("POST /api/v1/incidents/batch answer", await batch.text());
  const ingested = pitstop(
    ["ingest"],
    JSON.stringify(incidentBody("cli-ingest", `planted-ingest-${run}`)) + "\n",
  );
  expect(JSON.parse(ingested)).toEqual({ created: 1, rejected: 0 });

  // A soak run whose target URL carries a secret.
  const soak = secretsOf("soak-api");
  const soakRun = await request.post("/api/v1/soak-runs", {
    headers: auth,
    data: {
      name: `planted soak ${run} password=${soak.password}`,
      environment: "sandbox",
      targetUrl: `${SIMULATOR}/health?client_secret=${soak.clientSecret}`,
      schedule: { kind: "constant", rate: 1 },
      durationS: 1,
    },
  });
  expect(soakRun.status()).toBe(202);
  expectNoSecret("POST /api/v1/soak-runs answer", await soakRun.text());
  const soakId = (await soakRun.json()).id;
  pages.push(`/soak/${soakId}`);

  // A vendor request with secret headers, then the checks that read it back as evidence.
  const vendor = secretsOf("vendor-headers");
  const correlationId = `planted-vendor-${run}`;
  await fetch(`${SIMULATOR}/sandbox/v1/account`, {
    headers: {
      "x-correlationid": correlationId,
      "x-client-secret": vendor.clientSecret,
      "x-auth-token": vendor.bearer,
      "api-key": vendor.password,
      authorization: `Bearer ${vendor.jwt}`,
    },
  });
  const traced = await request.post("/api/v1/incidents", {
    headers: auth,
    data: { ...incidentBody("api-single", correlationId), title: "Planted vendor trace" },
  });
  const tracedId = (await traced.json()).id;
  ids.push(tracedId);
  const checks = await request.post(`/api/v1/incidents/${tracedId}/checks`, { headers: auth });
  expect(checks.ok()).toBe(true);
  expectNoSecret("POST …/checks answer", await checks.text());
  const evidence = await request.get(`/api/v1/incidents/${tracedId}/checks`, { headers: auth });
  expect(await evidence.text()).toContain(correlationId);
  expectNoSecret("GET …/checks evidence", await evidence.text());

  // Every incident through the API and its page; the list; the runbook; the soak run.
  const listed = await request.get(`/api/v1/incidents?q=${run}&pageSize=100`, { headers: auth });
  expectNoSecret("GET /api/v1/incidents", await listed.text());
  for (const item of (await listed.json()).items as Array<{ id: string }>) ids.push(item.id);
  for (const id of new Set(ids)) {
    expectNoSecret(
      `GET /api/v1/incidents/${id}`,
      await (await request.get(`/api/v1/incidents/${id}`, { headers: auth })).text(),
    );
    pages.push(`/incidents/${id}`);
  }
  pages.push(`/incidents?q=${run}`, `/incidents?view=groups`, "/runbooks", "/soak");
  for (const address of pages) {
    await page.goto(address);
    expectNoSecret(`page ${address}`, await page.content());
  }
  expectNoSecret(
    "GET /api/v1/runbooks/{id}",
    await (await request.get(`/api/v1/runbooks/${runbookId}`, { headers: auth })).text(),
  );
  expectNoSecret(
    "GET /api/v1/soak-runs/{id}",
    await (await request.get(`/api/v1/soak-runs/${soakId}`, { headers: auth })).text(),
  );

  // The exports.
  const markdown = await request.get(`/api/v1/runbooks/${runbookId}/markdown`, { headers: auth });
  expect(markdown.ok()).toBe(true);
  expectNoSecret("runbook Markdown", await markdown.text());
  const audit = await request.get("/api/v1/exports/weekly/audit-events.csv", { headers: auth });
  expect(audit.ok()).toBe(true);
  expect(await audit.text()).toContain(run);
  expectNoSecret("weekly audit-events.csv", await audit.text());

  // Every stored row of every table.
  const database = new Database(path.join(DATA_DIR, "pitstop.db"), { readonly: true });
  let rows = 0;
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const all = database.prepare(`SELECT * FROM "${name}"`).all();
      rows += all.length;
      expectNoSecret(`table ${name}`, JSON.stringify(all));
    }
  } finally {
    database.close();
  }

  console.log(
    `planted secrets: ${ALL_SECRETS.length} secrets through ${ENTRY_POINTS.length} entry points; ` +
      `${searched} answers, pages, exports and tables searched (${rows} stored rows); 0 leaked`,
  );
});
