import { CHECK_OWNER_APPROVAL, CHECK_RELEASE_NOTE, type GateVerdict } from "./gate-verdict.js";
import { renderGateRow } from "../report/render-gate-rows.js";

function skippedVerdict(kind: "closed" | "not-configured"): GateVerdict {
  const { title, summary } = renderGateRow({ kind });
  return {
    integration: false,
    releaseNote: { name: CHECK_RELEASE_NOTE, outcome: "skipped", title, summary, annotations: [] },
    ownerApproval: { name: CHECK_OWNER_APPROVAL, outcome: "skipped", title, summary, annotations: [] },
    noteRef: null,
    noteValid: false,
    approved: false,
    awaiting: [],
    reviewRequests: { users: [], teams: [] },
  };
}

/** For runs still in progress when the PR closes: `neutral` "Pull request closed". */
export function closedVerdict(): GateVerdict {
  return skippedVerdict("closed");
}

/** For open runs when `.integ.yml` is deleted from the default branch: `neutral` "integ-gate is not configured". */
export function notConfiguredVerdict(): GateVerdict {
  return skippedVerdict("not-configured");
}
