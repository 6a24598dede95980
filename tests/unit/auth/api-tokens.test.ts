import { describe, expect, it } from "vitest";
import { actorFromBearer, apiTokenInputSchema, createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";

const system = { kind: "system", label: "test" } as const;

describe("API tokens", () => {
  it("stores only a hash and resolves the bearer to an actor with the token's role", async () => {
    const created = await createApiToken({ name: "alerts", role: "sre" }, system);
    expect(created.token).toMatch(/^pst_[a-z0-9]{8}_/);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).not.toContain(created.token);
    // The secret is everything after "pst_<prefix>_" (base64url, so it may itself hold "_").
    expect(JSON.stringify(stored)).not.toContain(created.token.slice("pst_00000000_".length));
    expect(await actorFromBearer(`Bearer ${created.token}`)).toMatchObject({
      kind: "api_token",
      role: "sre",
      id: created.id,
    });
  });

  it("refuses garbage, unknown and revoked tokens", async () => {
    const created = await createApiToken({ name: "old", role: "manager" }, system);
    await db.apiToken.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    for (const header of [
      null,
      "Bearer",
      "Basic abc",
      `Bearer ${created.token}`,
      `Bearer pst_00000000_${"a".repeat(43)}`,
    ]) {
      expect(await actorFromBearer(header)).toBeNull();
    }
  });

  it("validates the CLI's input, naming the field", () => {
    const parsed = apiTokenInputSchema.safeParse({ name: " ", role: "boss" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["name", "role"]);
  });
});
