// The admin's screens and the support lead's review queue, as people use them in the browser.
import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, signedInPage, test } from "./support";

const run = Date.now().toString(36);
const INVITEE_PASSWORD = `invitee-${run}-password`;

test("the admin invites a user who sets a password through the link once, then changes their role and disables them", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signedInPage(browser, DEMO_EMAILS.admin);
  const name = `Invited ${run}`;
  const email = `invited-${run}@pitstop.example`;

  await admin
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Admin" })
    .click();
  await expect(admin).toHaveURL(/\/admin\/users$/);
  await expect(
    admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" }),
  ).toHaveAttribute("aria-current", "page");
  const form = admin.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("sre");
  await form.getByRole("button", { name: "Add user" }).click();
  const link = await admin.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(
    admin.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(name) }),
  ).toContainText("invited");

  // The invitee, in a browser of their own.
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`Welcome, ${name}.`)).toBeVisible();
  await invitee.getByLabel("Password", { exact: true }).fill("too-short");
  await invitee.getByLabel("Confirm password").fill("too-short");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.getByText("Password must be at least 12 characters").first()).toBeVisible();
  await invitee.getByLabel("Password", { exact: true }).fill(INVITEE_PASSWORD);
  await invitee.getByLabel("Confirm password").fill(INVITEE_PASSWORD);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee).toHaveURL(/\/incidents/, { timeout: 30_000 });
  await expect(invitee.getByRole("link", { name })).toBeVisible();

  // The link is spent.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await expect(again.getByRole("button", { name: "Set password and sign in" })).toHaveCount(0);

  // The admin makes them a manager, then disables them: their open session ends.
  await admin.reload();
  await admin.getByRole("table", { name: "Users" }).getByRole("link", { name }).click();
  await expect(admin.getByRole("heading", { name })).toBeVisible();
  const roleForm = admin.getByRole("form", { name: "Change role" });
  await roleForm.getByLabel("Role").selectOption("manager");
  await roleForm.getByRole("button", { name: "Save role" }).click();
  await expect(admin.getByText("Role saved.")).toBeVisible();
  await invitee.goto("/trends");
  await expect(invitee.getByRole("button", { name: "Sign out" })).toBeVisible();
  await invitee.goto("/incidents/new");
  await expect(invitee.getByText("The Manager role cannot")).toBeVisible();

  await admin.getByRole("button", { name: "Disable user" }).click();
  await expect(admin.getByText("User disabled; their sessions have ended.")).toBeVisible();
  await invitee.goto("/incidents");
  await expect(invitee).toHaveURL(/\/sign-in/);
  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill(INVITEE_PASSWORD);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(
    invitee.getByRole("alert").filter({ hasText: "Email or password is wrong" }),
  ).toBeVisible({ timeout: 30_000 });
});

test("the admin creates an API token shown once that works on the API, then revokes it and it gets 401", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await signedInPage(browser, DEMO_EMAILS.admin);
  const name = `ci-${run}`;
  await admin.goto("/admin/tokens");
  const form = admin.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption("manager");
  await form.getByLabel("Expires in").selectOption("7");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await admin.getByLabel(`API token ${name}`).inputValue();
  expect(token).toMatch(/^pst_[a-z0-9]{8}_/);

  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  expect((await api.get("/api/v1/incidents")).status()).toBe(200);
  expect((await api.get("/api/v1/users")).status()).toBe(403);

  await admin.reload();
  expect(await admin.content()).not.toContain(token);
  const row = admin
    .getByRole("table", { name: "API tokens" })
    .getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(`pst_${token.slice(4, 12)}_`);
  await expect(row).toContainText("active");
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  expect((await api.get("/api/v1/incidents")).status()).toBe(401);
});

test("a support lead sees the review count in the navigation, opens the queue and sees what changed since their last review", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const sre = await signedInPage(browser, DEMO_EMAILS.sre);
  const lead = await signedInPage(browser, DEMO_EMAILS.supportLead);
  const title = `Queue check ${run}`;
  const reviewLink = (page: Page) =>
    page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: /^Review, \d+ waiting$/ });
  const waiting = async (page: Page) =>
    Number((await reviewLink(page).getAttribute("aria-label"))!.match(/\d+/)![0]);

  await expect(reviewLink(sre)).toHaveCount(0);
  const before = await waiting(lead);

  await sre.goto("/runbooks/new");
  await sre.getByLabel("Title").fill(title);
  await sre.getByLabel("Cause").selectOption("app_version");
  await sre.getByLabel("Error string").fill(`Couldn't pair your vehicle (E_SDK ${run})`);
  await sre.getByLabel("Fix applied").fill("Pin the SDK back to 4.1.9.");
  await sre.getByRole("button", { name: "Save draft" }).click();
  await expect(sre).toHaveURL(/\/runbooks\/(?!new)[^/?]+$/, { timeout: 30_000 });
  await sre.getByRole("button", { name: "Submit for review" }).click();
  await expect(sre.getByText("In review").first()).toBeVisible();

  await lead.reload();
  await expect(reviewLink(lead)).toHaveAttribute("aria-label", `Review, ${before + 1} waiting`);
  await reviewLink(lead).click();
  await expect(lead.getByRole("heading", { name: "Waiting for my review" })).toBeVisible();
  const queued = lead
    .getByRole("table", { name: "Waiting for my review" })
    .getByRole("row", { name: new RegExp(title) });
  await expect(queued).toContainText("first review");
  await queued.getByRole("link", { name: title }).click();
  await expect(
    lead.getByText("First review: you have not reviewed an earlier version"),
  ).toBeVisible();
  await lead.getByLabel("Review comment").fill("Which pin did you actually roll back to?");
  await lead.getByRole("button", { name: "Request changes" }).click();
  await expect(lead.getByText("Changes requested").first()).toBeVisible();

  await sre.reload();
  await sre.getByRole("link", { name: "Edit" }).click();
  await sre.getByLabel("Fix applied").fill("Pin the SDK to 4.1.8 in package.json.");
  await sre.getByRole("button", { name: "Save new version" }).click();
  await expect(sre.getByText("version 2 of 2")).toBeVisible();
  await sre.getByRole("button", { name: "Submit for review" }).click();
  await expect(sre.getByText("In review").first()).toBeVisible();

  await lead.goto("/runbooks/review");
  await expect(reviewLink(lead)).toHaveAttribute("aria-label", `Review, ${before + 1} waiting`);
  await expect(reviewLink(lead)).toHaveAttribute("aria-current", "page");
  const row = lead
    .getByRole("table", { name: "Waiting for my review" })
    .getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("v1: the entry shows what changed since");
  await row.getByRole("link", { name: title }).click();
  const diff = lead.getByRole("table", {
    name: "Since your last review: changes from version 1 to version 2",
  });
  await expect(diff).toContainText("Pin the SDK back to 4.1.9.");
  await expect(diff).toContainText("Pin the SDK to 4.1.8 in package.json.");
  await expect(diff.getByRole("row")).toHaveCount(2);
});
