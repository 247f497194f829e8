import { createPublicKey, generateKeyPairSync, randomBytes, verify } from "node:crypto";

/** A GitHub App key pair in the formats GitHub uses (PKCS#1 private key, as downloaded from GitHub). */
export interface AppKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** Generates a fresh 2048-bit RSA key pair for an emulated GitHub App. */
export function generateAppKeyPair(): AppKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return { privateKey, publicKey };
}

let sharedPair: AppKeyPair | undefined;

/** One key pair per process, so that many emulators in one test run start fast. */
export function sharedAppKeyPair(): AppKeyPair {
  sharedPair ??= generateAppKeyPair();
  return sharedPair;
}

/** The outcome of checking an app JWT the way GitHub does. */
export type JwtCheck = { readonly ok: true; readonly appId: number } | { readonly ok: false; readonly message: string };

function decodePart(part: string): unknown {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
}

const UNDECODABLE = "A JSON web token could not be decoded";

/**
 * Verifies an app JWT: RS256, signed with the private key of the app named in
 * `iss`, `iat` not in the future (60 s leeway), `exp` in the future and at
 * most 10 minutes after `iat`. Messages are GitHub's.
 */
export function verifyAppJwt(
  jwt: string,
  publicKeyFor: (appId: number) => string | undefined,
  nowMs: number = Date.now(),
): JwtCheck {
  const parts = jwt.split(".");
  if (parts.length !== 3) return { ok: false, message: UNDECODABLE };
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = decodePart(h);
    payload = decodePart(p);
  } catch {
    return { ok: false, message: UNDECODABLE };
  }
  if (typeof header !== "object" || header === null || (header as { alg?: unknown }).alg !== "RS256") {
    return { ok: false, message: UNDECODABLE };
  }
  if (typeof payload !== "object" || payload === null) return { ok: false, message: UNDECODABLE };
  const claims = payload as { iss?: unknown; iat?: unknown; exp?: unknown };
  const appId = typeof claims.iss === "number" ? claims.iss : typeof claims.iss === "string" ? Number(claims.iss) : NaN;
  if (!Number.isInteger(appId)) return { ok: false, message: UNDECODABLE };
  const pem = publicKeyFor(appId);
  if (pem === undefined) return { ok: false, message: UNDECODABLE };
  const valid = verify("RSA-SHA256", Buffer.from(`${h}.${p}`), createPublicKey(pem), Buffer.from(s, "base64url"));
  if (!valid) return { ok: false, message: UNDECODABLE };
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.iat !== "number" || !Number.isInteger(claims.iat) || claims.iat > now + 60) {
    return { ok: false, message: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued" };
  }
  if (typeof claims.exp !== "number" || claims.exp <= now) {
    return {
      ok: false,
      message: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    };
  }
  if (claims.exp - claims.iat > 600) {
    return { ok: false, message: "'Expiration time' claim ('exp') is too far in the future" };
  }
  return { ok: true, appId };
}

/** A new token in GitHub's format for its kind (`ghs_` for installation and Actions tokens, `ghp_` for a user). */
export function newTokenString(kind: "installation" | "actions" | "user"): string {
  const prefix = kind === "user" ? "ghp_" : "ghs_";
  return prefix + randomBytes(27).toString("base64url").replace(/[-_]/g, "x").slice(0, 36);
}
