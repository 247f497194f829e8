/**
 * The loopback GitHub emulator used by the tests, the demo and the
 * benchmarks. See emulator/README.md.
 */
export { startEmulator, type Emulator, type EmulatorOptions } from "./start-emulator.js";
export {
  EmulatorState,
  READ_ONLY_PERMISSIONS,
  DEFAULT_APP_PERMISSIONS,
  ACTIONS_DEFAULT_PERMISSIONS,
  type CommitInput,
  type CreatePullInput,
  type CreateRepoInput,
  type FileChange,
  type IdentityInput,
  type ReviewInput,
  type TokenInput,
  type AppInput,
} from "./emulator-state.js";
export { generateAppKeyPair, verifyAppJwt, type AppKeyPair } from "./app-auth.js";
export { signWebhook, deliverWebhook, type WebhookDelivery, type WebhookResult } from "./deliver-webhook.js";
export * from "./webhook-payloads.js";
export type { LoggedRequest, RequestFilter, RequestSummary } from "./request-log.js";
export type { FaultRule, FaultMatch, FaultStatus, RandomFaults } from "./fault-injector.js";
export type * from "./state-records.js";
