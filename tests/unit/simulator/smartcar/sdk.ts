// The official smartcar SDK (npm, unmodified), loaded as the CommonJS module it is, with the
// part of its surface these tests use typed here (the package ships no type declarations).
import { createRequire } from "node:module";

export type Meta = { requestId?: string; dataAge?: Date; fetchedAt?: Date; unitSystem?: string };
export type Access = {
  accessToken: string;
  refreshToken: string;
  expiration: Date;
  refreshExpiration: Date;
};
export type SdkError = Error & {
  type?: string;
  code?: string | null;
  description?: string;
  docURL?: string;
  statusCode?: number;
  requestId?: string;
  resolution?: { type: string | null; url?: string | null };
  suggestedUserMessage?: string;
  retryAfter?: string;
};
// Answers are checked field by field with expect(); typing each would restate the face.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = Promise<any>;

export type SdkVehicle = {
  attributes(): Answer;
  vin(): Answer;
  location(): Answer;
  odometer(): Answer;
  battery(): Answer;
  fuel(): Answer;
  engineOil(): Answer;
  tirePressure(): Answer;
  lockStatus(): Answer;
  lock(): Answer;
  unlock(): Answer;
  permissions(paging?: { limit?: number; offset?: number }): Answer;
  disconnect(): Answer;
  batch(paths: string[]): Answer;
  subscribe(webhookId: string): Answer;
  unsubscribe(amt: string, webhookId: string): Answer;
  getSignals(): Answer;
};

type Smartcar = {
  AuthClient: new (options: {
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    mode?: "test" | "live" | "simulated";
  }) => {
    getAuthUrl(scope: string[], options?: { state?: string }): string;
    exchangeCode(code: string): Promise<Access>;
    exchangeRefreshToken(token: string): Promise<Access>;
  };
  Vehicle: new (
    id: string,
    token: string,
    options?: { unitSystem?: "metric" | "imperial" },
  ) => SdkVehicle;
  SmartcarError: new (...args: unknown[]) => SdkError;
  getUser(token: string): Answer;
  getVehicles(token: string, paging?: { limit?: number; offset?: number }): Answer;
  getVehicle(token: string, vehicleId: string): Answer;
  getCompatibility(
    vin: string,
    scope: string[],
    country?: string,
    options?: { clientId: string; clientSecret: string },
  ): Answer;
  getConnections(
    amt: string,
    filter?: { userId?: string; vehicleId?: string },
    paging?: { limit?: number; cursor?: string },
  ): Answer;
  deleteConnections(amt: string, filter: { userId?: string; vehicleId?: string }): Answer;
  hashChallenge(amt: string, challenge: string): string;
  verifyPayload(amt: string, signature: string, body: unknown): boolean;
};

const require = createRequire(import.meta.url);
export const smartcar = require("smartcar") as Smartcar;

/**
 * The SDK waits 310 s before giving up on a call; its shared config (the same object its own
 * setApiVersion writes to) takes a shorter wait so a dropped request fails the test quickly.
 */
export function shortenSdkTimeout(ms: number): void {
  (require("smartcar/lib/config.json") as { timeout: number }).timeout = ms;
}
