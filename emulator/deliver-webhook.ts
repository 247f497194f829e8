import { createHmac, randomUUID } from "node:crypto";

/** GitHub's `X-Hub-Signature-256` value for a body: `sha256=<hex HMAC>`. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** A webhook delivery, as GitHub would POST it. */
export interface WebhookDelivery {
  /** The app's webhook URL (e.g. `http://127.0.0.1:3000/api/github/webhooks`). */
  readonly url: string;
  readonly secret: string;
  /** `X-GitHub-Event`, e.g. `pull_request`. */
  readonly event: string;
  readonly payload: unknown;
  /** `X-GitHub-Delivery` (default: a new UUID). Reuse one to simulate a redelivery. */
  readonly id?: string;
  /** Override the signature (e.g. a wrong one, or "" to leave the header out). */
  readonly signature?: string;
  /** Send this raw body instead of the JSON payload (e.g. truncated JSON). */
  readonly rawBody?: string;
}

/** What the receiver answered. */
export interface WebhookResult {
  readonly id: string;
  readonly status: number;
  readonly body: string;
  readonly durationMs: number;
}

/** POSTs a webhook with GitHub's headers (event, delivery id, HMAC signatures, content type, user agent). */
export async function deliverWebhook(delivery: WebhookDelivery): Promise<WebhookResult> {
  const id = delivery.id ?? randomUUID();
  const body = delivery.rawBody ?? JSON.stringify(delivery.payload);
  const installation = (delivery.payload as { installation?: { id?: number } } | null)?.installation;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/044aadd",
    "x-github-event": delivery.event,
    "x-github-delivery": id,
    "x-github-hook-id": "1",
    "x-github-hook-installation-target-type": "integration",
    "x-github-hook-installation-target-id": String(installation?.id ?? 1),
  };
  const signature = delivery.signature ?? signWebhook(delivery.secret, body);
  if (signature !== "") {
    headers["x-hub-signature-256"] = signature;
    headers["x-hub-signature"] = `sha1=${createHmac("sha1", delivery.secret).update(body).digest("hex")}`;
  }
  const started = Date.now();
  const res = await fetch(delivery.url, { method: "POST", headers, body });
  const text = await res.text();
  return { id, status: res.status, body: text, durationMs: Date.now() - started };
}
