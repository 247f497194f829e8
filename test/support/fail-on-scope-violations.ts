import { afterAll, afterEach } from "vitest";
import { takeScopeViolations } from "../../emulator/request-scope.js";

/**
 * Every request any test makes to the loopback GitHub passes one check that
 * it names only the scenario's repositories (docs/security.md, "The request
 * guard"). A test during which integ-gate named any other fails here, with
 * the requests that did.
 */
function failOnViolations(when: string): void {
  const violations = takeScopeViolations();
  if (violations.length > 0) {
    throw new Error(`integ-gate requested outside this repository ${when}:\n- ${violations.join("\n- ")}`);
  }
}

afterEach(() => failOnViolations("during this test"));
afterAll(() => failOnViolations("after the last test of this file"));
