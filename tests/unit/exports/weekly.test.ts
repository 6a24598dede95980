// The weekly export against a real simulator (for webhook deliveries) and the test database.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getExportFile } from "@/app/api/v1/exports/weekly/[file]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { WeeklyExportTimer } from "@/lib/exports/runtime";
import { previousRun } from "@/lib/exports/schedule";
import {
  LAST_RUN_KEY,
  lastWeeklyExport,
  runWeeklyExport,
  writeAtomically,
} from "@/lib/exports/weekly";
import { unique } from "@/tests/support/factories";
import {
  ADMIN_KEY,
  startSimulatorForFile,
  startWebhookReceiver,
  waitFor,
} from "../simulator/support";

const harness = startSimulatorForFile();
beforeAll(() => {
  process.env.SIMULATOR_URL = harness.baseUrl;
  process.env.SIMULATOR_ADMIN_KEY = ADMIN_KEY;
});

const system = { kind: "system", label: "test" } as const;
const EMPTY_WEEK_END = new Date("2001-01-08T00:00:00Z");

describe("weekly export", () => {
  it("writes audit events, failed webhook deliveries and 429 bursts as three CSV files in a dated folder, and records the run", async () => {
    const receiver = await startWebhookReceiver(500);
    try {
      await harness.asClient("fleetco", "POST", "/v1/webhooks", {
        url: receiver.url,
        events: ["subscription.changed"],
      });
      await harness.injectFault({
        kind: "subscription_inactive",
        target: { tenant: "fleetco" },
        params: { status: "unpaid" },
      });
      await waitFor(
        async () => receiver.receipts.length,
        (count) => count >= 1,
      );
    } finally {
      await receiver.close();
    }
    const marker = unique("exported");
    await db.auditEvent.create({
      data: {
        actorType: "system",
        actorLabel: "test",
        action: "test.marker",
        entityType: "test",
        entityId: marker,
      },
    });
    // Six days back at an odd minute: inside the window, away from the 429s other test files file "now".
    const minute = new Date(
      Math.floor(Date.now() / 60_000) * 60_000 - 6 * 86_400_000 - 37 * 60_000,
    );
    await db.probeMinute.create({
      data: {
        environment: "sandbox",
        endpoint: "v1.account",
        minute,
        count: 5,
        errors: 0,
        status429: 2,
        status5xx: 0,
      },
    });

    const folder = await mkdtemp(path.join(tmpdir(), "pitstop-export-"));
    const end = new Date();
    const run = await runWeeklyExport({ end, folder, trigger: "on_demand", actor: system });
    expect(run.problems).toEqual([]);
    const directory = path.join(folder, end.toISOString().slice(0, 10));
    expect(run.directory).toBe(directory);
    expect((await readdir(directory)).sort()).toEqual([
      "429-bursts.csv",
      "audit-events.csv",
      "webhook-failures.csv",
    ]);

    const audit = await readFile(path.join(directory, "audit-events.csv"), "utf8");
    expect(
      audit.startsWith(
        "id,at,actor_type,actor_id,actor_label,action,entity_type,entity_id,before,after\r\n",
      ),
    ).toBe(true);
    expect(audit).toContain(`test.marker,test,${marker}`);
    const webhooks = (await readFile(path.join(directory, "webhook-failures.csv"), "utf8")).split(
      "\r\n",
    );
    expect(webhooks[0]).toBe(
      "environment,at,delivery_id,subscription_id,tenant,event,attempt,url,status,error,outcome,duration_ms",
    );
    expect(webhooks[1]).toMatch(
      /^sandbox,.*,fleetco,subscription\.changed,1,.*,500,,(retrying|failed),/,
    );
    const bursts = await readFile(path.join(directory, "429-bursts.csv"), "utf8");
    expect(bursts).toContain(
      `sandbox,${minute.toISOString()},${new Date(minute.getTime() + 60_000).toISOString()},1,2,0`,
    );

    expect(await lastWeeklyExport()).toMatchObject({
      end: end.toISOString(),
      directory,
      trigger: "on_demand",
      problems: [],
    });
    expect(
      await db.auditEvent.count({
        where: { action: "export.weekly", entityId: end.toISOString() },
      }),
    ).toBe(1);
  });

  it("writes header-only files for a week with nothing in it", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "pitstop-export-"));
    const run = await runWeeklyExport({
      end: EMPTY_WEEK_END,
      folder,
      trigger: "schedule",
      actor: system,
    });
    expect(run.rows).toEqual({ "audit-events": 0, "webhook-failures": 0, "429-bursts": 0 });
    expect(await readFile(path.join(folder, "2001-01-08", "429-bursts.csv"), "utf8")).toBe(
      "environment,start,end,minutes,probe_429s,incidents_429\r\n",
    );
  });

  it("leaves the old file and no temporary file behind when a write cannot finish", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "pitstop-atomic-"));
    const file = path.join(folder, "audit-events.csv");
    await writeAtomically(file, "old\r\n");
    await writeAtomically(file, "new\r\n");
    expect(await readFile(file, "utf8")).toBe("new\r\n");
    // A non-empty folder where the file should go: the rename fails, as a crash mid-write would stop it.
    const blocked = path.join(folder, "blocked.csv");
    await mkdir(blocked);
    await writeFile(path.join(blocked, "keep"), "x");
    await expect(writeAtomically(blocked, "half")).rejects.toThrow();
    expect((await readdir(folder)).sort()).toEqual(["audit-events.csv", "blocked.csv"]);
  });

  it("serves one file on demand for export readers, header-only for an empty week", async () => {
    const { token } = await createApiToken({ name: "export-manager", role: "manager" }, system);
    const request = (query: string) =>
      new Request(`http://pitstop.test/api/v1/exports/weekly/429-bursts.csv${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const params = (file: string) => ({ params: Promise.resolve({ file }) });
    const empty = await getExportFile(
      request(`?end=${EMPTY_WEEK_END.toISOString()}`),
      params("429-bursts.csv"),
    );
    expect(empty.status).toBe(200);
    expect(empty.headers.get("content-type")).toContain("text/csv");
    expect(await empty.text()).toBe("environment,start,end,minutes,probe_429s,incidents_429\r\n");
    const bad = await getExportFile(request("?end=yesterday"), params("429-bursts.csv"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toHaveProperty("end");
    expect((await getExportFile(request(""), params("passwords.csv"))).status).toBe(404);
  });
});

describe("the weekly export on several app instances", () => {
  const DAY_MS = 24 * 60 * 60 * 1000;

  // Instances that start after missing this week's run, each making it up at start.
  async function missedThisWeek() {
    const folder = await mkdtemp(path.join(tmpdir(), "pitstop-instances-"));
    const schedule = { folder, day: new Date().getUTCDay(), hour: 0 };
    const due = previousRun(new Date(), schedule);
    const earlier = new Date(due.getTime() - 7 * DAY_MS).toISOString();
    const value = JSON.stringify({
      at: earlier,
      start: earlier,
      end: earlier,
      trigger: "schedule",
      directory: null,
      rows: {},
      problems: [],
    });
    await db.appSetting.upsert({
      where: { key: LAST_RUN_KEY },
      create: { key: LAST_RUN_KEY, value },
      update: { value },
    });
    await db.scheduledRun.deleteMany({ where: { job: "weekly-export" } });
    const exportsOf = () =>
      db.auditEvent.count({ where: { action: "export.weekly", entityId: due.toISOString() } });
    return { schedule, due, exportsOf, before: await exportsOf() };
  }

  it("makes a missed week up once, however many instances start at once", async () => {
    const { schedule, due, exportsOf, before } = await missedThisWeek();
    const timers = ["instance a", "instance b", "instance c"].map(
      (name) => new WeeklyExportTimer(schedule, name),
    );
    try {
      await Promise.all(timers.map((timer) => timer.start()));
    } finally {
      for (const timer of timers) timer.stop();
    }
    expect((await exportsOf()) - before).toBe(1);
    const [run] = await db.scheduledRun.findMany({ where: { job: "weekly-export" } });
    expect(run).toMatchObject({ slot: due });
    expect(run!.finishedAt).not.toBeNull();
    expect((await lastWeeklyExport())?.end).toBe(due.toISOString());
  });

  it("runs a week whose claiming instance died during the run", async () => {
    const { schedule, due, exportsOf, before } = await missedThisWeek();
    await db.scheduledRun.create({
      data: {
        job: "weekly-export",
        slot: due,
        holder: "an instance that died",
        startedAt: new Date(Date.now() - 2 * 60 * 60 * 1000),
      },
    });
    const timer = new WeeklyExportTimer(schedule, "instance a");
    try {
      await timer.start();
    } finally {
      timer.stop();
    }
    expect((await exportsOf()) - before).toBe(1);
    expect(await db.scheduledRun.findFirst({ where: { job: "weekly-export" } })).toMatchObject({
      holder: "instance a",
    });
  });
});
