import { describe, expect, it } from "vitest";
import { CONFIG_FRAMES } from "../../bench/bench-hostile-text.js";
import {
  ASCII_PUNCTUATION,
  CHARACTER_CLASSES,
  DESCRIPTION_FRAMES,
  generateHostileInputs,
  measureText,
  regenerate,
  type HostileInput,
} from "../support/hostile-text.js";

/**
 * The worst-case generator behind the hostile-text bench (docs/security.md,
 * "Linear-time text scanning") reaches every character class that section
 * names, every pair of them, and every frame, at exactly the size asked.
 * No timing here: the bench measures.
 */
describe("the hostile-text generator", () => {
  const small = [...generateHostileInputs({ size: 64 })];

  it("has a class for every ASCII punctuation mark and every other kind of character the limits speak of", () => {
    const units = CHARACTER_CLASSES.map((c) => c.unit);
    for (const mark of ASCII_PUNCTUATION) expect(units).toContain(mark);
    expect(ASCII_PUNCTUATION).toHaveLength(32);
    for (const unit of [" ", "\t", "\n", "\r", "a", "A", "0", "é", "😀"]) expect(units).toContain(unit);
    for (const mark of "|-:.!?*_[]()<>\\`#%") expect(units).toContain(mark);
  });

  it("gives every class a run and a run that ends on another character, in every frame", () => {
    for (const frame of DESCRIPTION_FRAMES) {
      for (const c of CHARACTER_CLASSES) {
        for (const shape of ["run", "run-then-other"] as const) {
          const input = small.find((i) => i.frame === frame && i.shape === shape && i.classes[0] === c);
          expect(input, `${shape} ${c.name} in ${frame.name}`).toBeDefined();
          const inner = input?.text.slice(frame.before.length, input.text.length - frame.after.length) ?? "";
          expect(inner.startsWith(c.unit.repeat(2)), `${shape} ${c.name}`).toBe(true);
        }
      }
    }
  });

  it("alternates every pair of classes in the frames that take pairs", () => {
    const pairs = new Set(small.filter((i) => i.shape === "alternation").map((i) => `${i.frame.name}|${i.classes.map((c) => c.name).sort().join("|")}`));
    const n = CHARACTER_CLASSES.length;
    for (const frame of DESCRIPTION_FRAMES.filter((f) => f.pairs)) {
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const names = [CHARACTER_CLASSES[i]?.name ?? "", CHARACTER_CLASSES[j]?.name ?? ""].sort().join("|");
          expect(pairs.has(`${frame.name}|${names}`), `${names} in ${frame.name}`).toBe(true);
        }
      }
    }
    const alternation = small.find((i) => i.shape === "alternation" && i.frame.name === "plain" && i.classes.map((c) => c.unit).join("") === "-|");
    expect(alternation?.text.slice(0, 6)).toBe("-|-|-|");
  });

  it("fills each input to the size, counted in UTF-16 units or UTF-8 bytes, without splitting a character", () => {
    const sized = (inputs: Iterable<HostileInput>, size: number, measure: "utf16" | "utf8"): void => {
      for (const input of inputs) {
        const length = measureText(input.text, measure);
        expect(length, input.name).toBeLessThanOrEqual(size);
        expect(length, input.name).toBeGreaterThan(size - 16);
        expect(Buffer.from(input.text, "utf8").toString("utf8"), input.name).toBe(input.text);
      }
    };
    sized(generateHostileInputs({ size: 1_000, shapes: ["run", "run-then-other"] }), 1_000, "utf16");
    sized(generateHostileInputs({ size: 1_000, measure: "utf8", frames: CONFIG_FRAMES, shapes: ["run"] }), 1_000, "utf8");
    const emoji = regenerate({ shape: "run", classes: [CHARACTER_CLASSES.find((c) => c.name === "emoji") ?? CHARACTER_CLASSES[0]!], frame: DESCRIPTION_FRAMES[0]! }, 65_536);
    expect(emoji.text).toHaveLength(65_536);
  });

  it("is the same every time, and scales an input without changing what it is", () => {
    expect([...generateHostileInputs({ size: 64 })].map((i) => i.text)).toEqual(small.map((i) => i.text));
    const found = small[small.length - 1] as HostileInput;
    const large = regenerate(found, 4_096);
    expect(large.name).toBe(found.name);
    expect(large.text.startsWith(found.frame.before)).toBe(true);
    expect(large.text.length).toBeGreaterThan(4_000);
  });
});
