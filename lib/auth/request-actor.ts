import "server-only";
// Who is calling an /api/v1 route: a bearer token, or a signed-in browser. A browser's writes
// must come from our own pages (Origin check), since its cookie would ride along cross-site.
import { actorFromBearer } from "./api-tokens";
import { isSameOrigin } from "./origin";
import type { Actor } from "./policy";
import { currentUser } from "./session";

export type ApiCaller =
  | { ok: true; actor: Actor; idempotencyScope: { key: string; apiTokenId: string | null } }
  | { ok: false; reason: "unauthenticated" | "cross_origin" };

export async function apiCaller(request: Request): Promise<ApiCaller> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const actor = await actorFromBearer(authorization);
    return actor
      ? { ok: true, actor, idempotencyScope: { key: `token:${actor.id}`, apiTokenId: actor.id } }
      : { ok: false, reason: "unauthenticated" };
  }
  const user = await currentUser();
  if (!user) return { ok: false, reason: "unauthenticated" };
  if (request.method !== "GET" && request.method !== "HEAD" && !isSameOrigin(request.headers)) {
    return { ok: false, reason: "cross_origin" };
  }
  return { ok: true, actor: user, idempotencyScope: { key: `user:${user.id}`, apiTokenId: null } };
}
