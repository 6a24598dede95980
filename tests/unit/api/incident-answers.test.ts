// POST /api/v1/incidents/{id}/answers called as Next calls it, with a bearer token per role.
import { describe, expect, it } from "vitest";
import { POST as postAnswers } from "@/app/api/v1/incidents/[id]/answers/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { createIncident } from "@/lib/incidents/store";
import { incidentBody, unique } from "@/tests/support/factories";
import { system } from "@/tests/unit/load/soak-factories";

const tokens = new Map<Role, string>();
async function bearer(role: Role): Promise<string> {
  if (!tokens.has(role))
    tokens.set(role, (await createApiToken({ name: `answers-${role}`, role }, system)).token);
  return `Bearer ${tokens.get(role)}`;
}

async function answer(role: Role, incidentId: string, body: unknown): Promise<Response> {
  return postAnswers(
    new Request(`http://pitstop.test/api/v1/incidents/${incidentId}/answers`, {
      method: "POST",
      headers: { authorization: await bearer(role), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: incidentId }) },
  );
}

/** An incident whose text says too little for the classifier to be sure of anything. */
async function ambiguousIncident(): Promise<string> {
  const input = incidentInputSchema.parse(
    incidentBody({ errorString: "Something went wrong", httpStatus: undefined }),
  );
  const created = await createIncident(input, system);
  if (!created.ok) throw new Error("the factory's incident was refused");
  return created.incident.id;
}

type Ranked = Array<{ cause: string; confidence: number; evidence: Array<{ why: string }> }>;

describe("POST /api/v1/incidents/{id}/answers", () => {
  it("stores the answers, audits them and answers the re-ranked causes", async () => {
    const id = await ambiguousIncident();
    const response = await answer("sre", id, {
      answers: [
        { question: "official_app_works", answer: "no" },
        { question: "every_user", answer: "yes" },
        { question: "vehicle_awake", answer: "unknown" },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      answers: Array<Record<string, unknown>>;
      diagnosis: { ranked: Ranked };
      interview: { questions: Array<{ id: string }> };
    };
    expect(body.answers.map(({ questionId, answer }) => [questionId, answer])).toEqual([
      ["official_app_works", "no"],
      ["every_user", "yes"],
      ["vehicle_awake", "unknown"],
    ]);
    expect(body.answers[0]).toMatchObject({ answeredBy: "token answers-sre" });
    const [top] = body.diagnosis.ranked;
    expect(top!.cause).toBe("server_outage");
    expect(top!.evidence.map((item) => item.why)).toContain(
      "interview: Is every user hit, rather than one account or vehicle? → Yes",
    );
    const asked = body.interview.questions.map((question) => question.id);
    expect(asked).not.toContain("official_app_works");
    expect(asked).not.toContain("vehicle_awake");

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "incident.answer", entityId: id },
    });
    expect(JSON.parse(audit.after!)).toHaveLength(3);
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).likelyCause).toBe(
      "server_outage",
    );
  });

  it("keeps one current answer per question: a second answer replaces the first", async () => {
    const id = await ambiguousIncident();
    await answer("admin", id, { answers: [{ question: "official_app_works", answer: "no" }] });
    const response = await answer("admin", id, {
      answers: [{ question: "official_app_works", answer: "yes" }],
    });
    expect(response.status).toBe(200);
    const rows = await db.incidentAnswer.findMany({ where: { incidentId: id } });
    expect(rows.map((row) => row.answer)).toEqual(["yes"]);
    const audits = await db.auditEvent.findMany({
      where: { action: "incident.answer", entityId: id },
      orderBy: { at: "asc" },
    });
    expect(JSON.parse(audits[1]!.before!)).toEqual([
      { questionId: "official_app_works", answer: "no" },
    ]);
  });

  it.each<[string, unknown, string, RegExp]>([
    ["no answers", { answers: [] }, "answers", /at least one/],
    ["not an object", [], "body", /must be an object/],
    [
      "an unknown question",
      { answers: [{ question: "is_it_dns", answer: "yes" }] },
      "answers.0.question",
      /must be one of/,
    ],
    [
      "an answer that is not yes, no or unknown",
      { answers: [{ question: "every_user", answer: "maybe" }] },
      "answers.0.answer",
      /yes, no or unknown/,
    ],
    [
      "one question twice",
      {
        answers: [
          { question: "every_user", answer: "yes" },
          { question: "every_user", answer: "no" },
        ],
      },
      "answers.1.question",
      /answered twice/,
    ],
  ])("refuses %s with 400 naming the field", async (_case, body, field, message) => {
    const response = await answer("sre", await ambiguousIncident(), body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: string; fields: Record<string, string> };
    expect(error.error).toBe("validation_failed");
    expect(error.fields[field]).toMatch(message);
  });

  it("answers 404 for an incident that does not exist", async () => {
    const response = await answer("sre", unique("missing"), {
      answers: [{ question: "every_user", answer: "yes" }],
    });
    expect(response.status).toBe(404);
  });

  it.each<Role>(["manager", "support_lead"])("refuses the %s role with 403", async (role) => {
    const id = await ambiguousIncident();
    const response = await answer(role, id, {
      answers: [{ question: "every_user", answer: "yes" }],
    });
    expect(response.status).toBe(403);
    expect(await db.incidentAnswer.count({ where: { incidentId: id } })).toBe(0);
  });
});
