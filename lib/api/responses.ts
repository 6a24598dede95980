// JSON answers for /api/v1: one error shape everywhere, naming the field that was wrong.
import { NextResponse } from "next/server";
import type { z } from "zod";
import { fieldErrors } from "@/lib/incidents/schema";

export type ApiErrorBody = {
  error: string;
  message: string;
  fields?: Record<string, string>;
};

export function apiError(
  status: number,
  error: string,
  message: string,
  fields?: Record<string, string>,
  headers?: HeadersInit,
) {
  return NextResponse.json<ApiErrorBody>(
    { error, message, ...(fields ? { fields } : {}) },
    { status, headers },
  );
}

export function validationError(zodError: z.ZodError) {
  const fields = fieldErrors(zodError);
  const summary = Object.entries(fields)
    .map(([field, message]) => (message.startsWith(field) ? message : `${field}: ${message}`))
    .join("; ");
  return apiError(400, "validation_failed", summary, fields);
}

export const unauthorized = () =>
  apiError(
    401,
    "unauthorized",
    "Send Authorization: Bearer <token>; create one with `npx pitstop token create`.",
    undefined,
    {
      "WWW-Authenticate": 'Bearer realm="pitstop"',
    },
  );

export const forbidden = (message: string) => apiError(403, "forbidden", message);

export const notFound = (what: string) => apiError(404, "not_found", `${what} was not found.`);

/** Reads a JSON body of bounded size; answers the error response when it is not JSON. */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; body: unknown } | { ok: false; response: NextResponse }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return {
      ok: false,
      response: apiError(415, "unsupported_media_type", "Content-Type must be application/json."),
    };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) {
    return {
      ok: false,
      response: apiError(413, "payload_too_large", `The body must be at most ${maxBytes} bytes.`),
    };
  }
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      response: apiError(400, "invalid_json", "The body is not valid JSON.", {
        body: "must be valid JSON",
      }),
    };
  }
}
