// Secrets never leave a check's evidence: header values and token-looking strings are masked,
// keeping the last four characters so two secrets can still be told apart.
const SECRET_HEADERS = new Set([
  "authorization",
  "x-api-key",
  "x-admin-key",
  "cookie",
  "set-cookie",
  "proxy-authorization",
]);
// Not `code`: vendors put their error codes there, and an on-caller needs them. The one `code`
// that is a secret, OAuth's authorization code, is masked where it is sent (see redactBody).
const SECRET_FIELDS =
  /^(access_token|refresh_token|id_token|client_secret|password|secret|token)$/i;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;

export function maskSecret(value: string): string {
  const [scheme, credential] = /^(Bearer|Basic)\s+/i.test(value)
    ? value.split(/\s+/, 2)
    : [null, value];
  const masked = credential && credential.length > 8 ? `****${credential.slice(-4)}` : "****";
  return scheme ? `${scheme} ${masked}` : masked;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADERS.has(name.toLowerCase()) ? maskSecret(value) : value,
    ]),
  );
}

/** A JSON body with secret-named fields masked and JWTs anywhere in strings masked. */
export function redactBody(body: unknown): unknown {
  if (typeof body === "string") return body.replace(JWT, (jwt) => maskSecret(jwt));
  if (Array.isArray(body)) return body.map(redactBody);
  if (body && typeof body === "object") {
    const grantsCode = (body as { grant_type?: unknown }).grant_type === "authorization_code";
    return Object.fromEntries(
      Object.entries(body).map(([key, value]) => [
        key,
        (SECRET_FIELDS.test(key) || (grantsCode && key === "code")) && typeof value === "string"
          ? maskSecret(value)
          : redactBody(value),
      ]),
    );
  }
  return body;
}
