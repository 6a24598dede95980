// OAuth access tokens: ES256 JWTs signed with a rotating key whose public half is published
// at the JWKS endpoint under its `kid`. Verified tokens are cached (they are verified again
// only when their key is retired or they expire) to keep authenticated calls cheap.
import { randomUUID } from "node:crypto";
import {
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  decodeProtectedHeader,
  type JWK,
  type CryptoKey,
} from "jose";
import { vendorErrors } from "./errors";

export const AUDIENCE = "connected-services-api";
const ALGORITHM = "ES256";
const CACHE_LIMIT = 50_000;

type SigningKey = {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  createdAt: string;
};

export type AccessClaims = {
  sub: string;
  client_id: string;
  scope: string;
  jti: string;
  exp: number;
  iat: number;
  kid: string;
  /** `scope` split once when the token is verified, not on every request. */
  scopes: readonly string[];
};

const splitScopes = (scope: string): readonly string[] =>
  Object.freeze(scope.split(" ").filter(Boolean));

export class TokenAuthority {
  #keys: SigningKey[] = [];
  #generation = 0;
  #verified = new Map<string, AccessClaims>();

  constructor(
    readonly environment: string,
    readonly issuer: string,
  ) {}

  async rotate(retirePrevious: boolean): Promise<{ kid: string; retired: string[] }> {
    const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    const kid = `${this.environment}-key-${++this.#generation}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: "sig" };
    const retired = retirePrevious
      ? this.#keys.map((key) => key.kid)
      : this.#keys.slice(0, -1).map((key) => key.kid);
    // Without retirement the previous key stays published so tokens it signed keep working.
    this.#keys = [
      ...this.#keys.filter((key) => !retired.includes(key.kid)),
      { kid, privateKey, publicKey, publicJwk, createdAt: new Date().toISOString() },
    ];
    this.#verified.clear();
    return { kid, retired };
  }

  get currentKid(): string {
    return this.#keys.at(-1)?.kid ?? "";
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.#keys.map((key) => key.publicJwk) };
  }

  async issue(input: {
    sub: string;
    clientId: string;
    scopes: string[];
    ttlS: number;
  }): Promise<{ token: string; claims: AccessClaims }> {
    const key = this.#keys.at(-1);
    if (!key) throw new Error("token authority has no signing key");
    const now = Math.floor(Date.now() / 1000);
    const claims: AccessClaims = {
      sub: input.sub,
      client_id: input.clientId,
      scope: input.scopes.join(" "),
      jti: randomUUID(),
      iat: now,
      exp: now + input.ttlS,
      kid: key.kid,
      scopes: splitScopes(input.scopes.join(" ")),
    };
    const token = await new SignJWT({ client_id: claims.client_id, scope: claims.scope })
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: "at+jwt" })
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setSubject(claims.sub)
      .setJti(claims.jti)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(claims.exp)
      .sign(key.privateKey);
    return { token, claims };
  }

  /**
   * The claims of a token this authority verified before and that has not expired since, without
   * a promise (the hot path of every authenticated call); undefined otherwise, and `verify` says
   * why. Key rotation empties the cache, so a token signed by a retired key is never found here.
   */
  verifiedBefore(token: string, nowMs = Date.now()): AccessClaims | undefined {
    const cached = this.#verified.get(token);
    return cached && cached.exp * 1000 > nowMs ? cached : undefined;
  }

  /** The token's claims, or a VendorError saying why it is not acceptable. */
  async verify(token: string): Promise<AccessClaims> {
    const cached = this.#verified.get(token);
    if (cached) {
      if (cached.exp * 1000 <= Date.now())
        throw vendorErrors.invalidToken("The access token expired.");
      return cached;
    }
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw vendorErrors.invalidToken("The access token is malformed.");
    }
    const key = this.#keys.find((candidate) => candidate.kid === kid);
    if (!key)
      throw vendorErrors.invalidToken(
        "The access token was signed with a key that is no longer valid.",
      );
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        issuer: this.issuer,
        audience: AUDIENCE,
        algorithms: [ALGORITHM],
      });
      const claims: AccessClaims = {
        sub: String(payload.sub),
        client_id: String(payload.client_id),
        scope: String(payload.scope ?? ""),
        jti: String(payload.jti),
        exp: Number(payload.exp),
        iat: Number(payload.iat),
        kid: key.kid,
        scopes: splitScopes(String(payload.scope ?? "")),
      };
      if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
      this.#verified.set(token, claims);
      return claims;
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw vendorErrors.invalidToken(
        code === "ERR_JWT_EXPIRED" ? "The access token expired." : "The access token is invalid.",
      );
    }
  }
}
