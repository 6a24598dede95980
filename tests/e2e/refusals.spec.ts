import path from "node:path";
import Database from "better-sqlite3";
import { expect } from "@playwright/test";
import { callServerAction, serverActions, signedInRequest } from "./server-actions";
import { DEMO_EMAILS, signIn, test } from "./support";

const actions = serverActions();
const action = (key: string) => {
  const found = actions.get(key);
  if (!found) throw new Error(`no server action ${key} in the build`);
  return found;
};
const CREATE_INCIDENT = "app/(console)/incidents/actions.ts#createIncidentAction";
const IMPORT_AUDIT = "app/(console)/changes/actions.ts#importVendorAuditAction";

test("a manager calling a denied server action gets a refusal, not a 500", async ({
  browser,
  baseURL,
}) => {
  const request = await signedInRequest(browser, DEMO_EMAILS.manager);
  for (const key of [CREATE_INCIDENT, IMPORT_AUDIT]) {
    const response = await callServerAction(request, action(key), [null, {}], baseURL!);
    expect(response.status(), key).toBe(200);
    expect(await response.text(), key).toContain("The Manager role may not do this");
  }
});

test("a support lead's status change is refused with a message on the incident page", async ({
  browser,
  baseURL,
}) => {
  const request = await signedInRequest(browser, DEMO_EMAILS.supportLead);
  const response = await callServerAction(
    request,
    action("app/(console)/incidents/actions.ts#changeStatusAction"),
    ["some-incident", {}],
    baseURL!,
  );
  expect(response.status()).toBeLessThan(400);
  expect(decodeURIComponent(response.headers()["x-action-redirect"] ?? "")).toContain(
    "The Support lead role may not do this (incident.write)",
  );
});

test("a cross-site server action call is refused with 403 before Next handles it", async ({
  browser,
}) => {
  const request = await signedInRequest(browser, DEMO_EMAILS.sre);
  const response = await callServerAction(
    request,
    action(CREATE_INCIDENT),
    [null, {}],
    "http://attacker.example",
  );
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("Cross-site request refused");
});

test("a server action call without an Origin is refused as cross-site, not a 500", async ({
  browser,
}) => {
  const request = await signedInRequest(browser, DEMO_EMAILS.sre);
  const response = await callServerAction(request, action(CREATE_INCIDENT), [null, {}], null);
  expect(response.status()).toBe(403);
});

test("an action called with arguments of the wrong shape is refused, naming the argument", async ({
  browser,
  baseURL,
}) => {
  const request = await signedInRequest(browser, DEMO_EMAILS.sre);
  const response = await callServerAction(
    request,
    action(CREATE_INCIDENT),
    [null, "not a form"],
    baseURL!,
  );
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("form must be sent as form data");
});

test("a form left open after the role was taken away shows the refusal in place", async ({
  page,
}) => {
  await signIn(page, DEMO_EMAILS.sre);
  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill("Filed after a demotion");

  // An admin demotes the SRE while the form is open (the role is read on every request).
  const database = new Database(path.resolve("data/e2e/pitstop.db"));
  const setRole = database.prepare("UPDATE User SET role = ? WHERE email = ?");
  setRole.run("manager", DEMO_EMAILS.sre);
  try {
    await page.getByRole("button", { name: "Create incident" }).click();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "The Manager role may not do this (incident.write)." }),
    ).toBeVisible({ timeout: 30_000 });
  } finally {
    setRole.run("sre", DEMO_EMAILS.sre);
    database.close();
  }
});
