import "server-only";
// Where the simulated vendor runs and whether it answers. The app reaches it only over HTTP.
export function simulatorBaseUrl(): string {
  return process.env.SIMULATOR_URL ?? `http://127.0.0.1:${process.env.SIM_PORT ?? 4010}`;
}

export async function simulatorHealth(): Promise<{ reachable: boolean; detail: string }> {
  const url = new URL("/health", simulatorBaseUrl());
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000), cache: "no-store" });
    return { reachable: response.ok, detail: `${url} answered ${response.status}` };
  } catch (error) {
    return { reachable: false, detail: `${url} did not answer: ${(error as Error).message}` };
  }
}
