// /api/v1/webhooks (DESIGN.md "Outbound webhooks"): admin only, the secret shown once at
// creation and never listed, refusals naming `url`, disabling, and the deliveries log.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DELETE as disable, GET as getOne } from "@/app/api/v1/webhooks/[id]/route";
import { GET as getDeliveries } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { GET as list, POST as create } from "@/app/api/v1/webhooks/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { WebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { enqueueWebhookEvent } from "@/lib/webhooks/outbox";
import { retryScheduleFromEnv } from "@/lib/webhooks/schema";
import { startReceiver } from "./receiver";

// The answers' shape is what these tests check; reading into it needs no more than this.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const system = { kind: "system", label: "webhook api test" } as const;
const tokens = new Map<Role, string>();

async function tokenFor(role: Role) {
  if (!tokens.has(role))
    tokens.set(role, (await createApiToken({ name: `webhooks-${role}`, role }, system)).token);
  return tokens.get(role)!;
}

async function call(
  handler: (request: Request, context: never) => Promise<Response>,
  {
    role = "admin",
    method = "GET",
    path = "/api/v1/webhooks",
    body,
    id,
  }: {
    role?: Role;
    method?: string;
    path?: string;
    body?: unknown;
    id?: string;
  } = {},
) {
  const request = new Request(`http://pitstop.test${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(role)}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve({ id }) } as never);
  return { status: response.status, json: (await response.json()) as Json };
}

beforeEach(async () => {
  process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE = "1";
  await db.webhook.deleteMany();
});
afterEach(() => {
  delete process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE;
});
afterAll(async () => {
  await db.webhook.deleteMany();
});

describe("POST /api/v1/webhooks", () => {
  it("answers 201 with a generated secret shown once; the list and the webhook never show it", async () => {
    const created = await call(create, {
      method: "POST",
      body: {
        url: "http://127.0.0.1:9/hook",
        events: ["probe.recovered", "probe.down", "probe.down"],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      url: "http://127.0.0.1:9/hook",
      events: ["probe.down", "probe.recovered"],
      disabledAt: null,
      lastDelivery: null,
    });
    const secret = created.json.secret as string;
    expect(secret).toMatch(/^whsec_/);

    const listed = await call(list);
    expect(listed.status).toBe(200);
    expect(listed.json.items).toHaveLength(1);
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    expect(listed.json.items[0]).not.toHaveProperty("secret");
    const one = await call(getOne, {
      path: `/api/v1/webhooks/${created.json.id}`,
      id: created.json.id,
    });
    expect(JSON.stringify(one.json)).not.toContain(secret);

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "webhook.create", entityId: created.json.id },
    });
    expect(`${audit.before} ${audit.after}`).not.toContain(secret);
  });

  it.each([
    [
      { url: "file:///etc/passwd", events: ["probe.down"] },
      "url",
      /url must use http or https, not file/,
    ],
    [{ url: "ftp://example.com/x", events: ["probe.down"] }, "url", /not ftp/],
    [{ url: "http://169.254.169.254/", events: ["probe.down"] }, "url", /metadata/],
    [
      { url: "http://metadata.google.internal/", events: ["probe.down"] },
      "url",
      /metadata service/,
    ],
    [{ url: "http://[fe80::1]/", events: ["probe.down"] }, "url", /link-local/],
    [{ events: ["probe.down"] }, "url", /url is required/],
    [{ url: "https://hooks.example.com/x", events: [] }, "events", /at least one event/],
    [
      { url: "https://hooks.example.com/x", events: ["incident.exploded"] },
      "events.0",
      /each event must be one of/,
    ],
    [
      { url: "https://hooks.example.com/x", events: ["probe.down"], secret: "short" },
      "secret",
      /at least 16/,
    ],
  ])("refuses %j naming %s, and saves nothing", async (body, field, message) => {
    const refused = await call(create, { method: "POST", body });
    expect(refused.status).toBe(400);
    expect(refused.json.fields[field]).toMatch(message);
    expect(await db.webhook.count()).toBe(0);
  });

  it("refuses a private address without PITSTOP_WEBHOOK_ALLOW_PRIVATE=1, also a name that resolves to one", async () => {
    delete process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE;
    for (const url of ["http://10.0.0.7/hook", "http://localhost:9/hook"]) {
      const refused = await call(create, { method: "POST", body: { url, events: ["probe.down"] } });
      expect(refused.status, url).toBe(400);
      expect(refused.json.fields.url, url).toMatch(/PITSTOP_WEBHOOK_ALLOW_PRIVATE=1/);
    }
    expect(await db.webhook.count()).toBe(0);
  });

  it("is for admins only", async () => {
    for (const role of ["sre", "support_lead", "manager"] as const) {
      const body = { url: "http://127.0.0.1:9/hook", events: ["probe.down"] };
      expect((await call(create, { role, method: "POST", body })).status).toBe(403);
      expect((await call(list, { role })).status).toBe(403);
    }
  });
});

describe("DELETE /api/v1/webhooks/{id}", () => {
  it("disables it once: pending deliveries fail, nothing new is queued, a second call is 409", async () => {
    const { json } = await call(create, {
      method: "POST",
      body: { url: "http://127.0.0.1:9/hook", events: ["probe.down"] },
    });
    const queue = () =>
      db.$transaction((tx) =>
        enqueueWebhookEvent(tx, { event: "probe.down", data: {}, text: "down" }),
      );
    expect(await queue()).toBe(1);

    const first = await call(disable, {
      method: "DELETE",
      path: `/api/v1/webhooks/${json.id}`,
      id: json.id,
    });
    expect(first.status).toBe(200);
    expect(first.json.disabledAt).not.toBeNull();
    expect(await db.webhookDelivery.findFirst({ where: { webhookId: json.id } })).toMatchObject({
      status: "failed",
      lastError: "the webhook was disabled",
    });
    expect(await queue()).toBe(0);

    const second = await call(disable, {
      method: "DELETE",
      path: `/api/v1/webhooks/${json.id}`,
      id: json.id,
    });
    expect(second.status).toBe(409);
    expect(second.json.message).toMatch(/already disabled at/);
    expect((await call(disable, { method: "DELETE", id: "nope" })).status).toBe(404);
    expect(
      await db.auditEvent.count({ where: { action: "webhook.disable", entityId: json.id } }),
    ).toBe(1);
  });
});

describe("GET /api/v1/webhooks/{id}/deliveries", () => {
  it("lists each delivery with every attempt", async () => {
    const receiver = await startReceiver({ status: 503 });
    const dispatcher = new WebhookDispatcher({ retryScheduleS: [0.05] });
    try {
      const { json } = await call(create, {
        method: "POST",
        body: { url: receiver.url, events: ["probe.down"] },
      });
      await db.$transaction((tx) =>
        enqueueWebhookEvent(tx, {
          event: "probe.down",
          data: { endpoint: "jwks" },
          text: "jwks is down",
        }),
      );
      await dispatcher.tick();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await dispatcher.tick();

      const answer = await call(getDeliveries, {
        path: `/api/v1/webhooks/${json.id}/deliveries`,
        id: json.id,
      });
      expect(answer.status).toBe(200);
      expect(answer.json.items).toHaveLength(1);
      expect(answer.json.items[0]).toMatchObject({
        event: "probe.down",
        status: "failed",
        attempts: 2,
        lastStatus: 503,
        payload: { event: "probe.down", data: { endpoint: "jwks" }, text: "jwks is down" },
      });
      expect(
        answer.json.items[0].attemptLog.map((a: { attempt: number; statusCode: number }) => [
          a.attempt,
          a.statusCode,
        ]),
      ).toEqual([
        [1, 503],
        [2, 503],
      ]);
      expect(
        (
          await call(getDeliveries, {
            path: `/api/v1/webhooks/${json.id}/deliveries?limit=0`,
            id: json.id,
          })
        ).json.fields.limit,
      ).toMatch(/at least 1/);
      expect(
        (await call(getDeliveries, { path: "/api/v1/webhooks/x/deliveries", id: "x" })).status,
      ).toBe(404);
    } finally {
      await dispatcher.stop();
      await receiver.close();
    }
  });
});

describe("the OpenAPI document", () => {
  it("describes every webhook endpoint and the create body", () => {
    const { paths } = openApiDocument() as unknown as { paths: Record<string, Json> };
    expect(Object.keys(paths["/api/v1/webhooks"]!).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/webhooks/{id}"]!).sort()).toEqual(["delete", "get"]);
    expect(Object.keys(paths["/api/v1/webhooks/{id}/deliveries"]!)).toEqual(["get"]);
    const body = paths["/api/v1/webhooks"]!.post.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties).sort()).toEqual(["events", "secret", "url"]);
    expect(body.required.sort()).toEqual(["events", "url"]);
  });
});

describe("PITSTOP_WEBHOOK_RETRY_SCHEDULE", () => {
  it("reads seconds, comma-separated, with a default", () => {
    expect(retryScheduleFromEnv(undefined)).toEqual([10, 60, 300, 1800, 7200]);
    expect(retryScheduleFromEnv("0.2, 0.2")).toEqual([0.2, 0.2]);
  });

  it.each(["ten", "10,,60", "-5", "10,60,1e9", "Infinity"])(
    "stops start on %j with a message naming the setting",
    (value) => {
      expect(() => retryScheduleFromEnv(value)).toThrow(
        /^PITSTOP_WEBHOOK_RETRY_SCHEDULE must be seconds between retries/,
      );
    },
  );
});
