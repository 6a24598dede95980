// Sign-in: the form posts here (a route, not a server action, so a refusal can be a real
// 429 with Retry-After). Answers { location } and sets the session cookie on success.
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, readJsonBody, validationError } from "@/lib/api/responses";
import { clientAddress } from "@/lib/auth/client-address";
import { isSameOrigin } from "@/lib/auth/origin";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { startSession } from "@/lib/auth/session";
import { checkCredentials, signInSchema } from "@/lib/auth/sign-in";

const MAX_BODY_BYTES = 4 * 1024;
const signInRequestSchema = signInSchema.extend({ next: z.string().max(2048).optional() });

export async function POST(request: Request) {
  if (!isSameOrigin(request.headers)) {
    return apiError(403, "cross_origin", "This request did not come from a Pitstop page.");
  }
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = signInRequestSchema.safeParse(body.body);
  if (!parsed.success) return validationError(parsed.error);

  const outcome = await checkCredentials(parsed.data, clientAddress(request.headers));
  if (outcome.ok) {
    await startSession(outcome.userId);
    return NextResponse.json({ location: returnPathOrHome(parsed.data.next) });
  }
  if (outcome.reason === "invalid") {
    return apiError(401, "invalid_credentials", "Email or password is wrong.");
  }
  const retryAfter = { "Retry-After": String(outcome.retryAfterSeconds) };
  return outcome.reason === "throttled"
    ? apiError(
        429,
        "throttled",
        `Too many failed sign-ins. Try again in ${waitText(outcome.retryAfterSeconds)}.`,
        undefined,
        retryAfter,
      )
    : apiError(
        429,
        "busy",
        `Sign-in is busy. Try again in ${waitText(outcome.retryAfterSeconds)}.`,
        undefined,
        retryAfter,
      );
}

function waitText(seconds: number): string {
  return seconds < 90 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
}
