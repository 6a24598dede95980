// The Smartcar face under test: a simulator per file, the SDK pointed at one of its bases through
// the four SMARTCAR_*_ORIGIN variables, and Connect driven the scriptable way (a form POST).
import { beforeAll } from "vitest";
import { PERMISSIONS, SMARTCAR_DEMO } from "@/lib/simulator/smartcar/state";
import { PASSWORD, startSimulatorForFile, type SimulatorHarness } from "../support";
import { smartcar, type Access } from "./sdk";

/** The seeded demo application and every permission the face knows, as the face defines them. */
export const DEMO = SMARTCAR_DEMO;
export const ALL_PERMISSIONS: string[] = [...PERMISSIONS];

export type FaceEnvironment = "sandbox" | "prod";
const ORIGINS = [
  "SMARTCAR_AUTH_ORIGIN",
  "SMARTCAR_API_ORIGIN",
  "SMARTCAR_API_V3_ORIGIN",
  "SMARTCAR_MANAGEMENT_API_ORIGIN",
] as const;

export const baseOf = (sim: SimulatorHarness, env: FaceEnvironment) =>
  `${sim.baseUrl}/smartcar/${env}`;

/** The SDK reads its origins from the environment when it builds each request. */
export function pointSdkAt(sim: SimulatorHarness, env: FaceEnvironment): void {
  for (const name of ORIGINS) process.env[name] = baseOf(sim, env);
}

export function startSmartcarFace(env: FaceEnvironment = "sandbox"): SimulatorHarness {
  const sim = startSimulatorForFile();
  beforeAll(() => pointSdkAt(sim, env));
  return sim;
}

export const authClient = () =>
  new smartcar.AuthClient({
    clientId: DEMO.clientId,
    clientSecret: DEMO.clientSecret,
    redirectUri: DEMO.redirectUri,
    mode: "test",
  });

/** Connect by script: the SDK's own authorize URL, answered with the sign-in form. */
export async function connect(
  email: string,
  { password = PASSWORD, scope = ALL_PERMISSIONS, state = "st-123" } = {},
): Promise<URL> {
  const url = authClient().getAuthUrl(scope, { state });
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`Connect answered ${response.status}`);
  return new URL(response.headers.get("location")!);
}

/** A user who went through Connect and whose code the application exchanged. */
export async function signedIn(
  email: string,
  options: { scope?: string[] } = {},
): Promise<{ access: Access; vehicleIds: string[] }> {
  const redirect = await connect(email, options);
  const code = redirect.searchParams.get("code");
  if (!code) throw new Error(`Connect refused ${email}: ${redirect.search}`);
  const access = await authClient().exchangeCode(code);
  const { vehicles } = await smartcar.getVehicles(access.accessToken);
  return { access, vehicleIds: vehicles as string[] };
}
