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

const tooLarge = (maxBytes: number) =>
  apiError(
    413,
    "payload_too_large",
    `The body must be at most ${maxBytes} bytes.`,
    { body: `must be at most ${maxBytes} bytes` },
    // The client may still be sending: close the connection rather than drain what we refuse.
    { connection: "close" },
  );

/**
 * The body's bytes, at most `maxBytes`: a larger Content-Length is refused before a byte is
 * read, and a streamed (chunked) body is cut off as soon as it passes the limit.
 */
async function readBoundedBytes(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) {
    await request.body?.cancel();
    return null;
  }
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, received);
}

/**
 * The one place /api/v1 reads a request body: JSON of bounded size, or the error response
 * (415 not JSON, 413 too large, 400 not parseable).
 */
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
  const bytes = await readBoundedBytes(request, maxBytes);
  if (!bytes) return { ok: false, response: tooLarge(maxBytes) };
  try {
    return { ok: true, body: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return {
      ok: false,
      response: apiError(400, "invalid_json", "The body is not valid JSON.", {
        body: "must be valid JSON",
      }),
    };
  }
}
