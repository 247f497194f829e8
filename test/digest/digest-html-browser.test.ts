import { mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { runCliInProcess } from "../cli/support/cli-harness.js";
import { DIGEST_REPO, readerEnv, seedDigestWeek } from "./digest-scenario.js";
import { findChromium, launchChromium, seriousViolations } from "./support/open-in-chromium.js";

/**
 * The HTML digest in a real browser (headless Chromium driven by
 * playwright-core): readable at phone and desktop widths, printable, no
 * request beyond the page itself, and no accessibility violation of
 * serious or critical impact (axe-core). A deliberately broken page proves
 * the check catches a real violation. Screenshots are written to
 * $DIGEST_SCREENSHOTS (default: a temporary folder) for a person to look at.
 */
const chromiumPath = findChromium();

let em: Emulator;
let browser: Browser;
let pages: string;
let shots: string;

beforeAll(async () => {
  if (chromiumPath === null) return;
  em = await startEmulator();
  const seed = seedDigestWeek(em);
  pages = await mkdtemp(join(tmpdir(), "integ-digest-html-"));
  const run = await runCliInProcess(["digest", "--repo", DIGEST_REPO, "--since", seed.since, "--until", seed.until, "--department", "finance,sales,legal", "--format", "html", "--out", pages], {
    env: readerEnv(em),
  });
  expect(run.code, run.stderr).toBe(0);
  shots = process.env["DIGEST_SCREENSHOTS"] ?? (await mkdtemp(join(tmpdir(), "integ-digest-shots-")));
  await mkdir(shots, { recursive: true });
  browser = await launchChromium(chromiumPath);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await em?.close();
});

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

describe.skipIf(chromiumPath === null)("the HTML digest in headless Chromium", () => {
  for (const file of ["sales.html", "finance.html", "legal.html", "overview.html"]) {
    it(`${file}: readable on a phone and a desktop, no remote request, no serious accessibility violation`, async () => {
      for (const viewport of VIEWPORTS) {
        const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
        const requested: string[] = [];
        page.on("request", (r) => void requested.push(r.url()));
        const url = pathToFileURL(join(pages, file)).href;
        await page.goto(url);
        expect(requested).toEqual([url]);
        // Nothing wider than the screen: no sideways scrolling on a phone.
        const widths = await page.evaluate<{ content: number; screen: number }>("({ content: document.documentElement.scrollWidth, screen: window.innerWidth })");
        expect(widths.content).toBeLessThanOrEqual(widths.screen);
        const fontSize = await page.evaluate<number>("Number.parseFloat(getComputedStyle(document.body).fontSize)");
        expect(fontSize).toBeGreaterThanOrEqual(16);
        await page.screenshot({ path: join(shots, `${file.replace(".html", "")}-${viewport.name}.png`), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);
        await page.close();
      }
    }, 60_000);
  }

  it("prints: the links show where they go, and the page becomes a PDF", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(pages, "sales.html")).href);
    await page.emulateMedia({ media: "print" });
    const after = await page.evaluate<string>('getComputedStyle(document.querySelector(".links a"), "::after").content');
    expect(after).toContain("http");
    const pdf = join(shots, "sales.pdf");
    await page.pdf({ path: pdf, format: "A4" });
    expect((await stat(pdf)).size).toBeGreaterThan(1000);
    await page.close();
  }, 60_000);

  it("fails on a real accessibility violation (a deliberately broken page)", async () => {
    const broken = join(pages, "broken.html");
    await writeFile(broken, await readFile(join(import.meta.dirname, "fixtures/digest-broken.html"), "utf8"));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(broken).href);
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(expect.arrayContaining(["color-contrast", "html-has-lang", "link-name"]));
    await page.close();
  }, 60_000);
});
