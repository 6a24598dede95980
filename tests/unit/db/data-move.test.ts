// `pitstop migrate-data`: a seeded SQLite install (scripts/prepare.ts's demo data, plus rows in
// every table the demo leaves empty) moved into a scratch PostgreSQL database beside the suite's.
// Needs PostgreSQL, so it runs in the suite's PostgreSQL run (PITSTOP_TEST_DATABASE_URL).
import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOrCreateSecretFile, SESSION_SECRET_FILE } from "@/lib/auth/secret";
import {
  createPostgresClient,
  createSqliteClient,
  Prisma,
  type PrismaClient,
} from "@/lib/db/client";
import {
  MOVED_TABLES,
  moveToPostgres,
  secretsToCarry,
  type MoveOptions,
  type MoveOutcome,
} from "@/lib/db/data-move";
import { incidentTextMatch } from "@/lib/db/dialect";
import { isPostgresUrl } from "@/lib/db/kind";
import { packSamples } from "@/lib/load/sample-chunk";
import { decryptSecret, encryptSecret, parseEncryptionKey } from "@/lib/security/encryption";
import { pitstop } from "@/tests/unit/cli/support";
import { deployOrThrow, resetPostgresDatabase } from "@/tests/support/postgres-database";

const suiteUrl = process.env.PITSTOP_TEST_DATABASE_URL;
const REFRESH_TOKEN = "refresh-token-that-must-survive-the-move";

type Row = Record<string, unknown>;
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  count(): Promise<number>;
};
const table = (client: PrismaClient, model: string) =>
  (client as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;

/** Runs scripts/prepare.ts on a new SQLite data directory: migrations and the demo seed. */
function prepareSqliteInstall(dataDir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: "",
    PITSTOP_DATA_DIR: dataDir,
    PITSTOP_DEMO_PROBE_HISTORY: "off",
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
  };
  // As a SQLite install left to itself: it generates its own key into the data directory.
  delete env.PITSTOP_SESSION_SECRET;
  delete env.PITSTOP_ENCRYPTION_KEY;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
      { env, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`prepare failed (${code}):\n${stderr}`)),
    );
  });
}

/** Rows in every table the demo seed leaves empty, with dates, JSON, nulls and a secret. */
async function fillEveryTable(source: PrismaClient, encryptionKey: Buffer) {
  const hour = 3_600_000;
  const at = (hours: number) => new Date(Date.UTC(2026, 10, 20, 8, 30, 15, 123) + hours * hour);
  const [sre, lead] = await source.user.findMany({ orderBy: { email: "desc" }, take: 2 });
  const resolved = await source.incident.findFirstOrThrow({
    where: { status: "resolved", confirmedCause: { not: "other" } },
  });
  const smartcar = await source.vendorConnection.findFirstOrThrow({ where: { kind: "smartcar" } });
  await source.userInvite.create({
    data: { userId: lead!.id, tokenHash: "invite-hash", expiresAt: at(48), createdById: sre!.id },
  });
  await source.session.create({
    data: { id: "moved-session", userId: sre!.id, expiresAt: new Date(Date.now() + hour) },
  });
  await source.signInThrottle.create({
    data: { key: "client:127.0.0.1", failures: 3, blockedUntil: at(1) },
  });
  await source.hashAdmission.create({ data: { slot: 0, holder: null, heldUntil: at(0) } });
  const token = await source.apiToken.create({
    data: {
      name: "ci",
      role: "sre",
      prefix: "pt_move",
      tokenHash: "token-hash",
      createdById: sre!.id,
    },
  });
  await source.smartcarAccountLink.create({
    data: {
      connectionId: smartcar.id,
      label: "fleet-7",
      smartcarUserId: "sc-user-7",
      refreshTokenEnc: encryptSecret(REFRESH_TOKEN, encryptionKey),
      accessTokenEnc: encryptSecret("access-token", encryptionKey),
      accessExpiresAt: at(2),
      refreshExpiresAt: at(24 * 60),
      scopes: JSON.stringify(["read_vehicle_info", "control_security"]),
    },
  });
  await source.smartcarConnectState.create({
    data: {
      stateHash: "state-hash",
      connectionId: smartcar.id,
      userId: sre!.id,
      label: "fleet-8",
      redirectUri: "http://127.0.0.1:8000/callback",
      expiresAt: at(0.2),
    },
  });
  for (const key of ["retry-1", "retry-2"])
    await source.idempotencyRecord.create({
      data: {
        callerKey: `token:${token.id}`,
        key,
        requestHash: `hash-${key}`,
        statusCode: 201,
        responseBody: JSON.stringify({ id: resolved.id }),
        apiTokenId: token.id,
      },
    });
  await source.incidentAnswer.create({
    data: {
      incidentId: resolved.id,
      questionId: "recent_password_change",
      answer: "yes",
      answeredBy: "Sam",
    },
  });
  // Two completed runs: the earlier one's top cause is the incident's first check cause, which
  // PostgreSQL's CheckRun triggers work out again as the runs arrive and the accuracy roll-up reads.
  const ranking = (cause: string) => JSON.stringify({ ranked: [{ cause, confidence: 0.8 }] });
  const run = await source.checkRun.create({
    data: {
      incidentId: resolved.id,
      status: "completed",
      startedAt: at(-2),
      finishedAt: at(-1.9),
      triggeredById: sre!.id,
      ranking: ranking(resolved.confirmedCause!),
    },
  });
  await source.checkRun.create({
    data: {
      incidentId: resolved.id,
      status: "completed",
      startedAt: at(-1),
      ranking: ranking("phone_network"),
    },
  });
  await source.checkResult.createMany({
    data: ["subscription", "account"].map((checkId) => ({
      runId: run.id,
      checkId,
      outcome: "pass",
      causeId: null,
      summary: `${checkId} is fine`,
      evidence: JSON.stringify({ request: { url: "/v1/account" }, status: 200 }),
      durationMs: 42,
    })),
  });
  await source.changeEvent.create({
    data: {
      kind: "sdk_bump",
      environment: "prod",
      summary: "SDK 4.2",
      occurredAt: at(-30),
      source: "manual",
      createdById: sre!.id,
    },
  });
  const entry = await source.runbookEntry.create({
    data: {
      title: "Refresh token expired",
      signature: resolved.signature,
      causeId: "account_auth",
      status: "approved",
      approvedVersion: 1,
      incidentId: resolved.id,
      authorId: sre!.id,
    },
  });
  await source.runbookVersion.create({
    data: {
      entryId: entry.id,
      version: 1,
      title: entry.title,
      causeId: entry.causeId,
      signature: entry.signature,
      errorString: resolved.errorString,
      fixApplied: "Signed in again",
      sdkVersion: null,
    },
  });
  await source.runbookReview.create({
    data: {
      entryId: entry.id,
      version: 1,
      decision: "approve",
      comment: null,
      reviewerId: lead!.id,
    },
  });
  const soak = await source.soakRun.create({
    data: {
      name: "nightly",
      environment: "sandbox",
      targetUrl: "http://127.0.0.1:4010/sandbox/v1/account",
      schedule: JSON.stringify({ kind: "constant", rate: 5 }),
      durationS: 10,
      status: "completed",
      startedAt: at(-5),
      finishedAt: at(-4.99),
      summary: JSON.stringify({ sent: 50 }),
    },
  });
  const samples = Array.from({ length: 9 }, (_, second) => ({
    sentAt: at(-5).getTime() + second * 1000,
    second,
    step: 0,
    attempt: 1,
    status: 200,
    latencyMs: 12.5 + second,
    correlationId: `move-${second}`,
    rateLimitRemaining: 99 - second,
    retryAfterS: null,
    rateLimitReset: 1,
    errorKind: null,
  }));
  for (const chunk of [samples.slice(0, 5), samples.slice(5)])
    await source.soakSampleChunk.create({
      data: { runId: soak.id, count: chunk.length, samples: packSamples(chunk) },
    });
  for (let second = 0; second < 9; second++) {
    await source.soakSecond.create({
      data: {
        runId: soak.id,
        second,
        step: 0,
        targetRate: 5,
        sent: 5,
        completed: 5,
        ok: 5,
        status429: 0,
        status5xx: 0,
        errors: 0,
        p50Ms: 11.25,
        p99Ms: null,
      },
    });
  }
  for (let minute = 0; minute < 16; minute++) {
    const sentAt = new Date(at(-3).getTime() + minute * 60_000);
    await source.probeSample.create({
      data: {
        environment: "prod",
        endpoint: "v1.account",
        sentAt,
        status: 200,
        latencyMs: 30.75,
        correlationId: `probe-${minute}`,
      },
    });
    // Two endpoints over the same minutes: batches walk a three-column key with a date in it.
    for (const endpoint of ["status", "v1.account"])
      await source.probeMinute.create({
        data: {
          environment: "prod",
          endpoint,
          minute: sentAt,
          count: 2,
          errors: 0,
          status429: minute % 5 === 0 ? 1 : 0,
          status5xx: 0,
          p50Ms: 30,
          minRemaining: null,
        },
      });
  }
  await source.probeStateChange.create({
    data: {
      environment: "prod",
      endpoint: "v1.account",
      state: "down",
      previous: null,
      at: at(-3),
      lastStatus: 503,
      failureShare: 0.6,
    },
  });
  await source.lease.create({ data: { name: "probes", holder: "host-1-abc", heldUntil: at(0) } });
  for (const slot of [at(-1), at(-0.5)])
    await source.scheduledRun.create({
      data: {
        job: "probes",
        slot,
        holder: "host-1-abc",
        startedAt: slot,
        finishedAt: null,
        summary: null,
      },
    });
  await source.incidentViewer.create({
    data: { incidentId: resolved.id, userId: sre!.id, seenAt: at(0) },
  });
  const webhook = await source.webhook.create({
    data: {
      url: "https://hooks.example/pitstop",
      events: JSON.stringify(["incident.created"]),
      secret: "whsec",
      createdById: sre!.id,
    },
  });
  const delivery = await source.webhookDelivery.create({
    data: {
      webhookId: webhook.id,
      event: "incident.created",
      payload: "{}",
      status: "failed",
      attempts: 2,
      nextAttemptAt: at(1),
      lastStatus: 500,
      lastError: "HTTP 500",
    },
  });
  for (const attempt of [1, 2])
    await source.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        attempt,
        at: at(attempt),
        statusCode: 500,
        error: null,
        durationMs: 80,
      },
    });
}

describe("the tables pitstop migrate-data moves", () => {
  it("are every model of the schema, once each", () => {
    const moved = MOVED_TABLES.map(({ model }) => model);
    expect(new Set(moved).size).toBe(moved.length);
    expect([...moved].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });
});

describe("the secrets pitstop migrate-data tells the operator to carry", () => {
  it("are this shell's values when set, the generated files otherwise, and new ones when neither exists", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "pitstop-move-secrets-"));
    await writeFile(path.join(directory, "encryption-key"), "generated-key\n");
    const secrets = secretsToCarry({ PITSTOP_SESSION_SECRET: "from-the-shell" }, directory);
    expect(secrets.map(({ variable, from }) => [variable, from])).toEqual([
      ["PITSTOP_SESSION_SECRET", "environment"],
      ["PITSTOP_ENCRYPTION_KEY", "file"],
    ]);
    expect(secrets[0]!.instruction).toContain("the value this shell has");
    expect(secretsToCarry({}, directory)[0]).toMatchObject({
      from: "none",
      instruction: expect.stringContaining("set a new one"),
    });
  });

  it("warns when this shell's value is not the one the SQLite install generated", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "pitstop-move-secrets-"));
    await writeFile(path.join(directory, "encryption-key"), "generated-key\n");
    const [, key] = secretsToCarry({ PITSTOP_ENCRYPTION_KEY: "another-key" }, directory);
    expect(key!.instruction).toContain(`differs from ${path.join(directory, "encryption-key")}`);
    const [, same] = secretsToCarry({ PITSTOP_ENCRYPTION_KEY: "generated-key" }, directory);
    expect(same!.instruction).not.toContain("differs");
  });
});

describe.runIf(isPostgresUrl(suiteUrl))("moving a seeded SQLite install into PostgreSQL", () => {
  let dataDir: string;
  let targetUrl: string;
  let source: PrismaClient;
  let target: PrismaClient;
  let moved: Extract<MoveOutcome, { kind: "moved" }>;
  const log: string[] = [];

  const move = (options: Partial<MoveOptions> = {}) =>
    moveToPostgres({
      source,
      sourceName: path.join(dataDir, "pitstop.db"),
      targetUrl,
      batchSize: 7,
      replace: false,
      log: (line) => log.push(line),
      ...options,
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "pitstop-move-"));
    await prepareSqliteInstall(dataDir);
    // The SQLite app generates its session secret at the first sign-in; this install has had one.
    readOrCreateSecretFile(path.join(dataDir, SESSION_SECRET_FILE));
    source = createSqliteClient(path.join(dataDir, "pitstop.db"));
    const key = parseEncryptionKey(await readFile(path.join(dataDir, "encryption-key"), "utf8"));
    await fillEveryTable(source, key);
    const scratch = new URL(suiteUrl!);
    scratch.pathname = `${scratch.pathname}_move`;
    targetUrl = scratch.toString();
    await resetPostgresDatabase(targetUrl);
    target = createPostgresClient(targetUrl);
  }, 180_000);
  afterAll(async () => {
    await source?.$disconnect();
    await target?.$disconnect();
  });

  it("seeds a row into every table it moves, so every table is exercised", async () => {
    for (const { model } of MOVED_TABLES)
      expect(await table(source, model).count(), model).toBeGreaterThan(0);
  });

  it("refuses a target holding rows that no run of this move wrote", async () => {
    deployOrThrow(targetUrl);
    await target.appSetting.create({ data: { key: "someone_else", value: "here first" } });
    const outcome = await move();
    expect(outcome).toEqual({ kind: "refused", reason: expect.stringContaining("AppSetting (1)") });
    expect(await target.user.count()).toBe(0);
  }, 120_000);

  it("stopped after some batches (with --replace), continues on a rerun without duplicating or losing rows", async () => {
    let batches = 0;
    const stopped = move({
      replace: true,
      afterBatch: () => {
        if (++batches === 12) throw new Error("killed");
      },
    });
    await expect(stopped).rejects.toThrow("killed");
    // The first nine tables fit one batch each; the twelfth batch is the third of Incident's.
    expect(await target.appSetting.count()).toBe(0);
    expect(await target.incident.count()).toBe(21);

    // Stopped again in the middle of a table whose key holds a date, then left to finish.
    const resumed: Array<[string, number]> = [];
    const again = move({
      afterBatch: (model, copied) => {
        resumed.push([model, copied]);
        if (model === "ProbeMinute" && copied === 14) throw new Error("killed again");
      },
    });
    await expect(again).rejects.toThrow("killed again");
    expect(log).toContain(`continuing the move from ${path.join(dataDir, "pitstop.db")}`);
    // The rerun starts after the 21 incidents already there instead of from the first.
    expect(resumed.find(([model]) => model === "Incident")).toEqual(["Incident", 28]);
    expect(resumed.some(([model]) => model === "User")).toBe(false);
    expect(await target.probeMinute.count()).toBe(14);

    const finished: Array<[string, number]> = [];
    const outcome = await move({
      afterBatch: (model, copied) => void finished.push([model, copied]),
    });
    if (outcome.kind !== "moved") throw new Error(outcome.reason);
    moved = outcome;
    expect(finished[0]).toEqual(["ProbeMinute", 21]);
    expect(outcome.mismatched).toEqual([]);
    for (const { model } of MOVED_TABLES)
      expect(await table(target, model).count(), model).toBe(await table(source, model).count());
  }, 180_000);

  it("reports each table's count on both sides, the roll-ups as rebuilt", () => {
    expect(moved.counts.map((count) => count.table)).toEqual([
      ...MOVED_TABLES.map(({ model }) => model),
      "IncidentTrendDay",
      "IncidentAccuracyDay",
    ]);
    expect(moved.counts.filter((count) => !count.matches)).toEqual([]);
    expect(moved.counts.find((count) => count.table === "Incident")).toMatchObject({
      source: 60,
      target: 60,
      how: "copied",
    });
    expect(moved.counts.find((count) => count.table === "IncidentTrendDay")?.how).toBe("rebuilt");
  });

  it("moves rows field by field: dates, JSON text, nulls, booleans and numbers", async () => {
    for (const { model, key } of MOVED_TABLES) {
      // Keyed in JS: PostgreSQL's collation may order text keys unlike SQLite's bytes.
      const byKey = (rows: Row[]) =>
        new Map(rows.map((row) => [JSON.stringify(key.map((column) => row[column])), row]));
      const [from, to] = [
        byKey(await table(source, model).findMany({})),
        byKey(await table(target, model).findMany({})),
      ];
      expect(to, model).toEqual(from);
    }
    const vendor = await target.vendorConnection.findMany({ orderBy: { isDefault: "desc" } });
    expect(vendor.map((row) => row.isDefault)).toEqual([true, false]);
  });

  it("leaves the roll-ups to PostgreSQL's triggers, which count each incident once, as SQLite did", async () => {
    const rollup = async (client: PrismaClient, sql: string) =>
      (await client.$queryRawUnsafe<Row[]>(sql)).map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]),
        ),
      );
    const trends = `SELECT "environment", "day", "cause", "opened", "resolved", "resolveMs" FROM "IncidentTrendDay"
      WHERE "opened" <> 0 OR "resolved" <> 0 ORDER BY "environment", "day", "cause"`;
    const accuracy = `SELECT "environment", "day", "cause", "n", "hits" FROM "IncidentAccuracyDay"
      WHERE "n" <> 0 ORDER BY "environment", "day", "cause"`;
    expect(await rollup(target, trends)).toEqual(await rollup(source, trends));
    expect(await rollup(target, accuracy)).toEqual(await rollup(source, accuracy));
    const [total] = await rollup(target, `SELECT sum("opened") AS opened FROM "IncidentTrendDay"`);
    expect(Number(total!.opened)).toBe(60);
  });

  it("finds a moved incident with PostgreSQL's search", async () => {
    const incident = await source.incident.findFirstOrThrow({ where: { vin: { not: null } } });
    const match = incidentTextMatch("i", incident.vin!, { membership: false })!;
    const hits = await target.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT i.id FROM "Incident" i WHERE ${match}`,
    );
    expect(hits.map((hit) => hit.id)).toContain(incident.id);
  });

  it("advances the sequences, so rows written after the move take new ids", async () => {
    const incident = await target.incident.findFirstOrThrow();
    const lastEvent = await source.incidentEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const event = await target.incidentEvent.create({
      data: {
        incidentId: incident.id,
        kind: "note",
        actorType: "system",
        actorLabel: "after the move",
        body: "still here",
      },
    });
    expect(event.id).toBe(lastEvent.id + 1);
    const audit = await target.auditEvent.create({
      data: {
        actorType: "system",
        actorLabel: "after the move",
        action: "incident.create",
        entityType: "incident",
      },
    });
    expect(audit.id).toBeGreaterThan(await source.auditEvent.count());
    const filed = await target.incident.create({
      data: {
        correlationId: "after-the-move",
        title: "Filed on PostgreSQL",
        environment: "prod",
        tenant: "acme",
        errorString: "HTTP 429",
        signature: "http 429",
        occurredAt: new Date(),
        severity: "sev3",
        reporterLabel: "test",
      },
    });
    expect(await target.incident.findUnique({ where: { id: filed.id } })).not.toBeNull();
  });

  it("names the secrets the SQLite install generated, with which moved sessions and vendor secrets still open", async () => {
    const secrets = secretsToCarry({}, dataDir);
    expect(secrets.map(({ variable, from }) => [variable, from])).toEqual([
      ["PITSTOP_SESSION_SECRET", "file"],
      ["PITSTOP_ENCRYPTION_KEY", "file"],
    ]);
    for (const secret of secrets)
      expect(secret.instruction).toBe(
        `${secret.variable}="$(cat ${secret.file})": the SQLite install generated it; every PostgreSQL instance needs it`,
      );
    // What an operator exports by following the instructions.
    const [sessionValue, keyValue] = await Promise.all(
      secrets.map((secret) => readFile(secret.file, "utf8").then((text) => text.trim())),
    );
    const link = await target.smartcarAccountLink.findFirstOrThrow({ where: { label: "fleet-7" } });
    expect(decryptSecret(link.refreshTokenEnc, parseEncryptionKey(keyValue!))).toBe(REFRESH_TOKEN);

    // A cookie the SQLite app signed for a session it stored, checked as the app checks it.
    const moved = await target.session.findUniqueOrThrow({ where: { id: "moved-session" } });
    const cookie = await new SignJWT({ sid: moved.id })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(moved.userId)
      .setIssuer("pitstop")
      .setIssuedAt()
      .setExpirationTime(moved.expiresAt)
      .sign(new TextEncoder().encode(sessionValue));
    const { payload } = await jwtVerify(cookie, new TextEncoder().encode(sessionValue), {
      issuer: "pitstop",
    });
    const row = await target.session.findUniqueOrThrow({ where: { id: String(payload.sid) } });
    expect(row.userId).toBe(payload.sub);
    expect(row.revokedAt).toBeNull();
  }, 120_000);

  it("exits non-zero through the CLI naming each table whose counts differ", async () => {
    const run = await pitstop(["migrate-data", "--to", targetUrl], {
      env: { DATABASE_URL: "", PITSTOP_DATA_DIR: dataDir },
    });
    expect(run.code, run.stderr).toBe(1);
    // The rows written on PostgreSQL after the move above are not in SQLite.
    expect(run.stderr).toMatch(/counts differ for Incident, AuditEvent, IncidentEvent/);
    expect(run.stdout).toMatch(/^Incident\s+60\s+61\s+MISMATCH$/m);
    expect(run.stdout).toMatch(/^User\s+4\s+4\s*$/m);
  }, 120_000);
});
