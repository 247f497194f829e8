import { randomUUID } from "node:crypto";
import { deliverWebhook } from "../emulator/deliver-webhook.js";

/** One delivery as the bench saw it. */
export interface SentWebhook {
  readonly id: string;
  readonly event: string;
  readonly status: number;
  /** performance.now() when it was sent and when the answer arrived. */
  readonly sentMs: number;
  readonly answeredMs: number;
}

/** What every delivery needs. */
export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

/**
 * Delivers a webhook (GitHub's headers and signatures) and times it with
 * performance.now(). Reuse `id` for a redelivery. A refused connection or
 * a timeout counts as status 0 rather than throwing (the bench reports it).
 */
export async function sendWebhook(target: WebhookTarget, event: string, payload: unknown, id: string = randomUUID()): Promise<SentWebhook> {
  const sentMs = performance.now();
  try {
    const result = await deliverWebhook({ url: target.url, secret: target.secret, event, payload, id });
    return { id, event, status: result.status, sentMs, answeredMs: performance.now() };
  } catch {
    return { id, event, status: 0, sentMs, answeredMs: performance.now() };
  }
}
