// Server actions called the way Next's client calls them (a POST to a page that uses the
// action, naming it in `Next-Action`), so tests see what the server answers whatever a page shows.
import { readFileSync } from "node:fs";
import { expect, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

export type ServerAction = { id: string; page: string };

/** Every server action of the build, keyed "<file>#<export>" (e.g. "app/sign-in/actions.ts#signInAction"). */
export function serverActions(): Map<string, ServerAction> {
  const manifest = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  ) as { node: Record<string, ManifestEntry> };
  const actions = new Map<string, ServerAction>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    const worker = Object.keys(entry.workers).find((name) => name.endsWith("/page"));
    if (!worker) continue;
    const page =
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^/]+\)/g, "")
        .replace(/\[[^\]]+\]/g, "matrix-probe") || "/";
    actions.set(`${entry.filename}#${entry.exportedName}`, { id, page });
  }
  return actions;
}

/** Calls `action` with JSON-encodable arguments, as from a page of `origin`. */
export function callServerAction(
  request: APIRequestContext,
  action: ServerAction,
  args: unknown[],
  origin: string | null,
): Promise<APIResponse> {
  return request.post(action.page, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      ...(origin ? { Origin: origin } : {}),
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

/** A request context carrying `email`'s session cookie, signed in once through the form. */
export async function signedInRequest(browser: Browser, email: string): Promise<APIRequestContext> {
  const page = await browser.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Password hashing is deliberately slow; on a loaded machine it takes a while.
  await expect(page).toHaveURL(/\/incidents/, { timeout: 30_000 });
  return page.request;
}
