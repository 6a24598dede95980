// Finding or making, through the API as a signed-in user would, the records that pages with an id
// in their path show: shared by the specs and the bench that visit every page.
import type { APIRequestContext } from "@playwright/test";

export type SeedApi = { request: APIRequestContext; origin: string; simulatorUrl: string };

/** The id of the first item a list endpoint answers. */
export async function firstId(api: SeedApi, path: string): Promise<string> {
  const response = await api.request.get(path);
  if (!response.ok()) throw new Error(`GET ${path} answered ${response.status()}`);
  const { items } = (await response.json()) as { items: Array<{ id: string }> };
  if (!items[0]) throw new Error(`GET ${path} has no item to open`);
  return items[0].id;
}

/** What a create endpoint answers for `data`; anything but a 2xx throws with its body. */
export async function created(
  api: SeedApi,
  path: string,
  data: unknown,
): Promise<Record<string, unknown> & { id: string }> {
  const response = await api.request.post(path, { headers: { Origin: api.origin }, data });
  if (!response.ok())
    throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown> & { id: string };
}
