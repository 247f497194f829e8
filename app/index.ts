import { createIntegGateApp } from "./create-integ-gate-app.js";

/**
 * integ-gate as a Probot app: `probot run ./lib/app/index.js` (npm start),
 * or `createNodeMiddleware(app, { probot })` for a serverless function.
 */
const app = createIntegGateApp();
export default app;
