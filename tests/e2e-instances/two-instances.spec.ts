// Two app instances behind one PostgreSQL, as a load balancer would see them: one browser session
// works on both, what is written on one shows on the other, and killing the instance that runs
// the probes hands them to the other.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { firstId } from "../e2e/seed-api";
import { DEMO_EMAILS, SIMULATOR, signIn } from "../e2e/support";

type Instance = { port: number; pid: number };
const instances = () =>
  JSON.parse(readFileSync("test-results/e2e-instances.json", "utf8")) as Instance[];
const origin = ({ port }: Instance) => `http://127.0.0.1:${port}`;

// A term's value in the probes page's scheduler list, read on the given instance.
async function schedulerOn(page: Page, instance: Instance, term = "Scheduler"): Promise<string> {
  await page.goto(`${origin(instance)}/probes`);
  const entry = page
    .locator("dl > div")
    .filter({ has: page.getByRole("term").getByText(term, { exact: true }) });
  return (await entry.getByRole("definition").textContent()) ?? "";
}

test.beforeAll(async ({ request }) => {
  for (const instance of instances())
    await expect
      .poll(async () => (await request.get(`${origin(instance)}/health`)).status(), {
        timeout: 60_000,
      })
      .toBe(200);
});

test("one session works on both instances and a note written on one shows on the other", async ({
  page,
}) => {
  const [first, second] = instances() as [Instance, Instance];
  await signIn(page, DEMO_EMAILS.sre);
  const api = { request: page.request, origin: origin(first), simulatorUrl: SIMULATOR };
  const incidentPath = `/incidents/${await firstId(api, "/api/v1/incidents")}`;
  await page.goto(`${origin(first)}${incidentPath}`);
  const note = `Seen from two instances ${Date.now()}`;
  await page.getByLabel("Note", { exact: true }).fill(note);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("list", { name: "Timeline" }).getByText(note)).toBeVisible();

  await page.goto(`${origin(second)}${incidentPath}`);
  await expect(page).toHaveURL(`${origin(second)}${incidentPath}`);
  await expect(page.getByRole("list", { name: "Timeline" }).getByText(note)).toBeVisible();
});

test("killing the instance that runs the probes hands them to the other", async ({ page }) => {
  const [first, second] = instances() as [Instance, Instance];
  await signIn(page, DEMO_EMAILS.sre);
  let holder: Instance | undefined;
  await expect
    .poll(
      async () => {
        const status = await schedulerOn(page, first);
        if (/this instance probes|probing now on this instance/.test(status)) holder = first;
        else if (status.includes(`:${second.pid}:`)) holder = second;
        return holder?.port;
      },
      { timeout: 20_000 },
    )
    .toBeDefined();
  const survivor = holder === first ? second : first;
  expect(await schedulerOn(page, survivor)).toMatch(/standing by: instance \S+ probes/);

  process.kill(-holder!.pid, "SIGKILL");
  // Probes every 2 s: the lease runs out within one interval and the survivor beats twice an
  // interval, so it holds the probes within 3 s; the rest is page loads.
  await expect
    .poll(async () => schedulerOn(page, survivor), { timeout: 15_000 })
    .toMatch(/this instance probes|probing now on this instance/);
  await expect
    .poll(async () => schedulerOn(page, survivor, "Last cycle (any instance)"), {
      timeout: 15_000,
    })
    .toContain(`:${survivor.pid}:`);
});
