// Secret masking, the one place that decides what a secret looks like: header values (by an
// allowlist of harmless names), URL query parameters, JSON bodies and free text. A leaf module
// with no imports, so the simulator's request log can use it too without reaching into the app.
// Written here because no library fits: secret scanners (secretlint, detect-secrets) find
// secrets in files at review time and report them; none masks values inside headers, URLs,
// JSON and log text at run time while keeping their shape, which is what this does.

/** A masked value starts with this; masking what is already masked changes nothing. */
export const MASK = "****";

// Headers known to be harmless, shown as sent; every other header is masked (an allowlist, so
// a vendor's next `x-whatever-secret` is masked before anyone thinks of it).
const HARMLESS_HEADERS = new Set([
  "accept",
  "accept-encoding",
  "accept-language",
  "access-control-allow-headers",
  "access-control-allow-methods",
  "access-control-allow-origin",
  "age",
  "cache-control",
  "connection",
  "content-encoding",
  "content-language",
  "content-length",
  "content-type",
  "date",
  "deprecation",
  "etag",
  "expires",
  "host",
  "keep-alive",
  "last-modified",
  "link",
  "location",
  "pragma",
  "retry-after",
  // Smartcar's request id and data-age headers: what a support case quotes, never a credential.
  "sc-data-age",
  "sc-fetched-at",
  "sc-request-id",
  "sc-unit-system",
  "server",
  "sunset",
  "transfer-encoding",
  "user-agent",
  "vary",
  "www-authenticate",
  "x-api-version",
  "x-app-version",
  "x-correlationid",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
  "x-request-id",
  "x-required-scopes",
]);

// A name whose value is a secret, compared with separators removed and lower-cased: suffixes
// catch `client_secret`, `x-auth-token`, `api-key`, `refreshToken`; `token_type` does not match.
// Not `key` or `signature` alone in text: settings keys and incident signatures are no secrets.
const SECRET_NAME =
  /(?:secret|password|passwd|passphrase|pwd|token|apikey|accesskey|privatekey|secretkey|signingkey|masterkey|credentials?|authorization|cookie|sessionid|amzsignature)$|^(?:pass|auth|session|sid)$/;
// In a query string `key` and `sig` are API keys and request signatures, and `code` is OAuth's.
const SECRET_QUERY_NAME = /^(?:key|sig|signature|code)$/;
// Every SECRET_NAME contains one of these: text without any cannot hold a secret-named field.
const MAYBE_SECRET_NAME = /secret|pass|pwd|token|key|credential|auth|cookie|session|sid|signature/i;
const normalisedName = (name: string) => name.toLowerCase().replace(/[-_.\s]/g, "");
export const isSecretName = (name: string) => SECRET_NAME.test(normalisedName(name));

// A value that merely names a state or an error is no secret: vendor codes must stay readable.
const NOT_A_SECRET = /^(?:null|true|false|undefined|none|n\/a|bearer|basic|token|digest)$/i;
const ERROR_CODE = /^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$/;

const isMasked = (value: string) => value.startsWith(MASK);

/** A secret shown as `****` plus its last four characters when it is long enough to spare them. */
export function maskSecret(value: string): string {
  const scheme = /^(Bearer|Basic|Token|Digest)\s+(\S+)/i.exec(value);
  if (scheme) return `${scheme[1]} ${maskSecret(scheme[2]!)}`;
  if (isMasked(value)) return value;
  return value.length >= 16 ? `${MASK}${value.slice(-4)}` : MASK;
}

/**
 * Secret shapes in free text. Vendor key shapes and the private-key block follow gitleaks'
 * default rules (config/gitleaks.toml: aws-access-token, github-pat, slack-*-token,
 * stripe-access-token, gcp-api-key, openai-api-key, npm-access-token, private-key, jwt).
 */
const PRIVATE_KEY =
  /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)/g;
const SHAPES: readonly RegExp[] = [
  /\bey[A-Za-z0-9_-]{8,}\.ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_\w{22,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}\b/g,
  /\bAIza[\w-]{35}\b/g,
  /\bsk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\bSG\.[\w-]{22}\.[\w-]{43}\b/g,
  /\bpst_[A-Za-z0-9_-]{16,}/g,
];

// `Bearer abc…`, `Basic dXNlcjpw…`: the credential needs a digit (or real length) so that prose
// such as "Bearer authentication failed" stays as written.
const SCHEME_CREDENTIAL =
  /\b(Bearer|Basic|Token|Digest)(\s+)((?=[A-Za-z0-9._~+/-]*\d|[A-Za-z0-9._~+/-]{24})[A-Za-z0-9._~+/-]{8,}=*)/gi;

// A URL's user-info password: scheme://user:password@host (connection strings, basic-auth URLs).
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)([^\s/@]+)(@)/gi;

// name=value, name: value, "name": "value", with a secret-looking name. A `:` in prose
// ("password: expired") needs a digit or symbol in the value before it counts as a secret.
const NAMED_VALUE =
  /(["']?)([A-Za-z][\w.-]{0,60})\1(\s*)([:=])(\s*)(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s"'&,;<>)}\]]+))/g;

export type MaskedText = { text: string; masked: number };

/** Free text with every secret-looking value masked, and how many were. */
export function maskSecretsInText(text: string): MaskedText {
  let masked = 0;
  // Cheap guards first: most error strings hold no key block, URL or secret-named field.
  let result = !text.includes("-----BEGIN")
    ? text
    : text.replace(PRIVATE_KEY, () => {
        masked++;
        return `${MASK}private-key`;
      });
  for (const shape of SHAPES)
    result = result.replace(shape, (found) => {
      masked++;
      return maskSecret(found);
    });
  result = result.replace(SCHEME_CREDENTIAL, (_, scheme: string, space: string, credential) => {
    masked++;
    return `${scheme}${space}${maskSecret(credential)}`;
  });
  if (result.includes("://"))
    result = result.replace(URL_PASSWORD, (_, head: string, password: string, at: string) => {
      if (isMasked(password)) return `${head}${password}${at}`;
      masked++;
      return `${head}${MASK}${at}`;
    });
  // A value under a harmless name is searched too: `"errorString": "… password=x"`.
  const maskNamedValues = (text: string): string =>
    text.replace(
      NAMED_VALUE,
      (whole, quote: string, name: string, before: string, separator: string, after, ...values) => {
        const [doubleQuoted, singleQuoted, bare] = values as Array<string | undefined>;
        const value = doubleQuoted ?? singleQuoted ?? bare ?? "";
        const head = `${quote}${name}${quote}${before}${separator}${after}`;
        const quoted = (shown: string) =>
          doubleQuoted !== undefined
            ? `"${shown}"`
            : singleQuoted !== undefined
              ? `'${shown}'`
              : shown;
        if (!isSecretName(name)) return `${head}${quoted(maskNamedValues(value))}`;
        if (value === "" || isMasked(value)) return whole;
        if (NOT_A_SECRET.test(value) || ERROR_CODE.test(value)) return whole;
        if (separator === ":" && bare !== undefined && /^[A-Za-z]+$/.test(value)) return whole;
        masked++;
        return `${head}${quoted(maskSecret(value))}`;
      },
    );
  if (MAYBE_SECRET_NAME.test(result)) result = maskNamedValues(result);
  return { text: result, masked };
}

/** Free text with its secrets masked, when the count is not wanted. */
export const maskText = (text: string): string => maskSecretsInText(text).text;

/** A URL (or a path with a query) with secret-named query parameters, the user-info password
 * and any secret shape in it masked, and how many were. */
export function maskSecretsInUrl(url: string): MaskedText {
  let masked = 0;
  const maskText = (text: string) => {
    const found = maskSecretsInText(text);
    masked += found.masked;
    return found.text;
  };
  const queryStart = url.indexOf("?");
  if (queryStart < 0) return { text: maskText(url), masked };
  const [query, fragment = ""] = url.slice(queryStart + 1).split(/#(.*)/s, 2);
  const parts = query!.split("&").map((part) => {
    const equals = part.indexOf("=");
    if (equals < 0) return maskText(part);
    const name = part.slice(0, equals);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // A malformed name is judged as written.
    }
    const value = part.slice(equals + 1);
    if (!isSecretName(decoded) && !SECRET_QUERY_NAME.test(decoded.toLowerCase()))
      return `${name}=${maskText(value)}`;
    if (value === "" || isMasked(value)) return part;
    masked++;
    return `${name}=${maskSecret(value)}`;
  });
  const head = maskText(url.slice(0, queryStart));
  const tail = fragment ? `#${maskText(fragment)}` : "";
  return { text: `${head}?${parts.join("&")}${tail}`, masked };
}

export const maskUrl = (url: string): string => maskSecretsInUrl(url).text;

type HeaderValue = string | string[] | number | undefined;

/** Headers as evidence: harmless ones as sent (URLs and free text still masked), the rest masked. */
/** Whether maskHeaders shows this header's value as sent (masking only secret shapes in it). */
export function isHarmlessHeader(name: string): boolean {
  return HARMLESS_HEADERS.has(name.toLowerCase());
}

export function maskHeaders(headers: Record<string, HeaderValue>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    const lower = name.toLowerCase();
    shown[name] = !HARMLESS_HEADERS.has(lower)
      ? maskSecret(text)
      : lower === "location" || lower === "link"
        ? maskUrl(text)
        : maskText(text);
  }
  return shown;
}

/**
 * A JSON body with secret-named fields masked and secret shapes in every string masked. Not
 * `code`: vendors put their error codes there. The one `code` that is a secret, OAuth's
 * authorization code, is masked where a body grants it.
 */
export function maskBody(body: unknown): unknown {
  if (typeof body === "string") return maskText(body);
  if (Array.isArray(body)) return body.map(maskBody);
  if (body && typeof body === "object") {
    const grantsCode = (body as { grant_type?: unknown }).grant_type === "authorization_code";
    return Object.fromEntries(
      Object.entries(body).map(([key, value]) => [
        key,
        (isSecretName(key) || (grantsCode && key === "code")) && typeof value === "string"
          ? maskSecret(value)
          : maskBody(value),
      ]),
    );
  }
  return body;
}
