// kill -9 while a client streams acknowledged writes: every write the API acknowledged survives
// exactly once, a retry of one it never answered lands once, and the file stays sound.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { databaseFile } from "@/lib/db/location";
import { incidentBody } from "@/tests/support/factories";
import { holdDatabaseOpen } from "@/tests/support/database-holder";
import {
  apiToken,
  assertBuilt,
  callApi,
  integrityCheck,
  killHard,
  startApp,
  type RunningApp,
} from "./support";

const CYCLES = 20;
const CLIENTS = 4;
const QUESTION = "official_app_works";

type Create = { key: string; body: Record<string, unknown>; id: string | null };
type AnswerTrail = { acknowledged: string | null; unanswered: string[] };

let app: RunningApp | null = null;
afterAll(async () => {
  if (app) await killHard(app);
});

describe("kill -9 while a client streams creates and updates", () => {
  it(`keeps every acknowledged write exactly once over ${CYCLES} SIGKILL restarts, some with the database held open`, async () => {
    assertBuilt();
    const token = await apiToken();
    const creates: Create[] = [];
    const answers = new Map<string, AnswerTrail>();
    const updating = new Set<string>();
    const unexpected: string[] = [];
    let replayed = 0;

    const create = async (entry: Create) => {
      const answer = await callApi(token, "POST", "/api/v1/incidents", entry.body, {
        "idempotency-key": entry.key,
      });
      if (answer.status === "no answer") return false;
      if (answer.status !== 201) {
        unexpected.push(`create ${entry.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
        return false;
      }
      entry.id = (answer.body as { id: string }).id;
      return true;
    };
    const retryUnanswered = async () => {
      for (const entry of creates.filter((candidate) => candidate.id === null)) {
        if (await create(entry)) replayed++;
      }
    };
    const update = async (id: string, value: string) => {
      const trail = answers.get(id) ?? { acknowledged: null, unanswered: [] };
      answers.set(id, trail);
      trail.unanswered.push(value);
      const answer = await callApi(token, "POST", `/api/v1/incidents/${id}/answers`, {
        answers: [{ question: QUESTION, answer: value }],
      });
      if (answer.status === "no answer") return false;
      if (answer.status !== 200) {
        unexpected.push(`answer ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
        return false;
      }
      trail.acknowledged = value;
      trail.unanswered = [];
      return true;
    };
    const stream = async (running: () => boolean) => {
      while (running()) {
        const entry: Create = {
          key: crypto.randomUUID(),
          body: incidentBody({ correlationId: `kill9-${crypto.randomUUID()}` }),
          id: null,
        };
        creates.push(entry);
        if (!(await create(entry))) return;
        // One update at a time per incident: two in flight could commit in one order and be
        // answered in the other, and the trail could no longer say which value must be kept.
        const idle = creates.filter(
          (candidate) => candidate.id !== null && !updating.has(candidate.id),
        );
        const target = idle[Math.floor(Math.random() * idle.length)];
        if (!target) continue;
        updating.add(target.id!);
        try {
          if (!(await update(target.id!, Math.random() < 0.5 ? "yes" : "no"))) return;
        } finally {
          updating.delete(target.id!);
        }
      }
    };

    const boots: number[] = [];
    app = await startApp();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Every fourth cycle another process holds the file open through the kill and restart.
      const holder = cycle % 4 === 3 ? await holdDatabaseOpen(databaseFile()) : null;
      try {
        await retryUnanswered();
        let running = true;
        const clients = Array.from({ length: CLIENTS }, () => stream(() => running));
        await sleep(300 + Math.random() * 900);
        await killHard(app);
        running = false;
        await Promise.all(clients);
        app = await startApp();
        boots.push(app.bootMs);
      } finally {
        await holder?.release();
      }
    }
    await retryUnanswered();
    await killHard(app);
    app = null;

    expect(unexpected).toEqual([]);
    expect(creates.filter((entry) => entry.id === null)).toEqual([]);
    const stored = await db.incident.findMany({
      where: { correlationId: { in: creates.map((entry) => entry.body.correlationId as string) } },
      select: { id: true, correlationId: true },
    });
    expect(stored).toHaveLength(creates.length);
    const idOf = new Map(stored.map((row) => [row.correlationId, row.id]));
    expect(
      creates.filter((entry) => idOf.get(entry.body.correlationId as string) !== entry.id),
    ).toEqual([]);
    const storedAnswers = new Map(
      (
        await db.incidentAnswer.findMany({
          where: { incidentId: { in: [...answers.keys()] }, questionId: QUESTION },
        })
      ).map((row) => [row.incidentId, row.answer]),
    );
    const lost = [...answers].filter(([id, trail]) => {
      const kept = storedAnswers.get(id) ?? null;
      // An update never answered may or may not have landed; an acknowledged one must stay.
      return !(kept === trail.acknowledged || trail.unanswered.includes(kept ?? ""));
    });
    expect(lost).toEqual([]);
    expect(integrityCheck()).toBe("ok");
    console.error(
      `kill -9: ${CYCLES} cycles, ${creates.length} creates (${replayed} retried after a kill), ${answers.size} incidents updated, median boot ${Math.round(boots.sort((a, b) => a - b)[boots.length >> 1]!)} ms`,
    );
  }, 540_000);
});
