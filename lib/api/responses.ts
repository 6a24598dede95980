// JSON answers for /api/v1: one error shape everywhere, naming the field that was wrong.
import { parse as parseContentType } from "content-type";
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

/**
 * Exactly application/json, with no parameter but an optional utf-8 charset: a list such as
 * "application/json, text/plain" or another charset is refused, not guessed at. jshttp's
 * content-type parser (Express's) does the RFC 7231 grammar: case, spaces, quoted values.
 */
function isJsonUtf8(header: string | null): boolean {
  if (header === null) return false;
  try {
    const { type, parameters } = parseContentType(header);
    const names = Object.keys(parameters);
    return (
      type === "application/json" &&
      names.every((name) => name === "charset") &&
      (parameters.charset === undefined || parameters.charset.toLowerCase() === "utf-8")
    );
  } catch {
    return false;
  }
}

/** Reads a JSON body of bounded size; answers the error response when it is not JSON. */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; body: unknown } | { ok: false; response: NextResponse }> {
  if (!isJsonUtf8(request.headers.get("content-type"))) {
    return {
      ok: false,
      response: apiError(
        415,
        "unsupported_media_type",
        "Content-Type must be application/json (optionally with charset=utf-8).",
      ),
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
