import { describe, expect, it } from "vitest";
import type { PlainLanguageConfig } from "../../../src/core/config/integ-config.js";
import { parseIntegConfig } from "../../../src/core/config/parse-integ-config.js";
import { lintPlainLanguage, readSentenceCount } from "../../../src/core/notes/lint-plain-language.js";
import type { PlainLanguageOptions } from "../../../src/core/notes/lint-plain-language.js";
import { parseMarkdownModel } from "../../../src/core/notes/parse-markdown-model.js";
import { selectNoteText } from "../../../src/core/notes/select-note-text.js";
import { buildConfig } from "../../support/config-builder.js";

function lint(text: string, plain: Partial<PlainLanguageConfig> = {}, options: PlainLanguageOptions = {}) {
  const config = buildConfig({ releaseNote: { plainLanguage: plain } }).releaseNote.plainLanguage;
  return lintPlainLanguage(selectNoteText(parseMarkdownModel(`# Note\n\n${text}\n`)), config, options);
}
const terms = (text: string, kind: string, plain: Partial<PlainLanguageConfig> = {}): string[] =>
  lint(text, plain)
    .findings.filter((f) => f.kind === kind)
    .map((f) => /^"([^"]*)"/.exec(f.message)?.[1] ?? f.message);

describe("passive voice: actions, not feelings, states or names", () => {
  const cases: Array<[string, string[]]> = [
    ["We are excited to share this.", []],
    ["Our team is pleased to help, and we are delighted.", []],
    ["Payments are unaffected and prices are unchanged.", []],
    ["The guide is detailed and has pictures.", []],
    ["The rate is based on your balance.", []],
    ["The account was known as Instant Saver. It is now called Easy Saver.", []],
    ["This is referred to as RBAC.", []],
    ["The report is called by the nightly job.", ["is called"]],
    ["Cases are referred to an underwriter.", ["are referred"]],
    ["A lower limit cannot be undone in the app.", ["be undone"]],
    ["Paper forms are no longer accepted.", ["are no longer accepted"]],
    ["The process has been re-engineered.", ["been re-engineered"]],
    ["A plan has been agreed with the teams.", ["been agreed"]],
    ["Your card is unlocked when you tap the button.", ["is unlocked"]],
    ["Prices are updated every night and the file was not sent.", ["are updated", "was not sent"]],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(terms(text, "passive-voice")).toEqual(expected);
  });

  it('suggests "the ERP …" only when the config has a system', () => {
    const without = lint("Prices are updated every night.").findings[0]?.message;
    expect(without).toBe('"are updated" is passive: say who does it ("we …", "you …").');
    const withErp = lint("Prices are updated every night.", {}, { systems: ["erp", "crm"] }).findings[0]?.message;
    expect(withErp).toBe('"are updated" is passive: say who does it ("we …", "you …", "the ERP …").');
  });
});

describe("acronyms: the ones readers may not know, once each", () => {
  const cases: Array<[string, string[]]> = [
    ["The old signs SHOULD NOT BE USED from 1 April.", []],
    ["Switch the isolation flag OFF in the record, or reply CANCEL.", []],
    ["Codes T0, NEWS2, FY24 and P60 keep their meaning.", []],
    ["Your PIN, the ATM, the SMS code and the VAT stay the same.", []],
    ["AER stands for Annual Equivalent Rate. The AER goes up.", []],
    ["Enterprise Resource Planning (ERP) sends it; the ERP is fine.", []],
    ["The rate is 19.9% EAR from May.", ["EAR"]],
    ["Turn on 2FA for your account.", ["2FA"]],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(terms(text, "acronym")).toEqual(expected);
  });

  it("known_acronyms (any case) are never reported", () => {
    expect(terms("Ask your GP or the NHS helpline.", "acronym", { knownAcronyms: ["gp", "NHS"] })).toEqual([]);
    expect(terms("Ask your GP or the NHS helpline.", "acronym")).toEqual(["GP", "NHS"]);
  });

  it("one finding per acronym with the lines of every use; headings count", () => {
    const r = lintPlainLanguage(
      selectNoteText(parseMarkdownModel("# SDK 3.0\n\nThe SDK is faster.\n\nUpdate the SDK today.\n")),
      buildConfig().releaseNote.plainLanguage,
    );
    const sdk = r.findings.filter((f) => f.kind === "acronym");
    expect(sdk.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '1:3 "SDK" is not spelled out (3 times, on lines 1, 3 and 5): write it in full the first time, e.g. "Full Name (SDK)", or list it in known_acronyms if every reader knows it.',
    ]);
    expect(sdk[0]?.occurrences?.map((o) => `${o.line}:${o.column}-${o.endColumn}`)).toEqual(["1:3-6", "3:5-8", "5:12-15"]);
  });
});

describe("jargon: the right sense, every form, code names", () => {
  const cases: Array<[string, string[]]> = [
    ["The staging area by door 4 stays where it is.", []],
    ["Test it on staging first.", ["staging"]],
    ["On polling day you record turnout at the polling station.", []],
    ["We replaced the polling-based sync.", ["polling-based"]],
    ["Stock levels update in real-time.", []],
    ["Request a callback in the app.", []],
    ["Align the columns before you print.", []],
    ["We want to align with ward teams.", ["align with"]],
    ["The migration takes place on Sunday; we migrate at night.", ["migration"]],
    ["We have a workaround, a deep link, an environment variable and a backend.", ["workaround", "deep link", "environment variable", "backend"]],
    ["Backward compatibility is kept until general availability.", ["Backward compatibility", "general availability"]],
    ["The e-rostering roll-out starts in May.", ["roll-out"]],
    ["Set REPORT_EXPORT_DIR on the server; it runs reports::export_daily at 5am.", ["REPORT_EXPORT_DIR", "reports::export_daily"]],
    ["Use maxRetries, or call list() to read them.", ["maxRetries", "list"]],
    ["It works on iPhone, macOS and eBay.", []],
    ["Single sign-on (SSO) is here. Turn SSO on under Security.", []],
    ["Deprecations: the old field is deprecated.", ["Deprecations"]],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(terms(text, "jargon")).toEqual(expected);
  });

  it("a derived noun gets its term's advice; a code name is told to be said in words", () => {
    const messages = lint("The migration takes place on Sunday. Set SOME_ENV_NAME first.").findings.map((f) => f.message);
    expect(messages).toEqual([
      '"migration" is jargon: say it in everyday words ("migrate" means "move").',
      '"SOME_ENV_NAME" is jargon: it looks like code: say what it is in everyday words (or put it in `backticks` if the reader must type it).',
    ]);
  });

  it("a hostile note cannot ask for thousands of annotations: 20 uses per term and 100 per kind are listed", () => {
    const text = Array.from({ length: 30 }, (_, i) => `Term${i} uses a webhook${i} and leverage and synergy.`).join("\n\n");
    const body = Array.from({ length: 300 }, () => "We leverage it.").join("\n\n");
    const r = lint(`${text}\n\n${body}`);
    const leverage = r.findings.find((f) => f.message.startsWith('"leverage"'));
    expect(leverage?.message).toMatch(/^"leverage" is jargon \(330 times, on lines 3, 5, 7, .*, …\): say "use" instead\.$/u);
    expect(leverage?.occurrences).toHaveLength(20);
    const listed = r.findings.reduce((n, f) => n + (f.occurrences?.length ?? 1), 0);
    expect(listed).toBeLessThanOrEqual(200);
  });

  it("in backticks, a code name is code, not prose", () => {
    expect(terms("Set `SOME_ENV_NAME` first.", "jargon")).toEqual([]);
  });
});

describe("sentences as a reader reads them", () => {
  it("a quoted sentence keeps its code spans and closing brackets", () => {
    const r = lint("Access is limited to the `erp` and `crm` modules only (see the guide). Ask Maria about it, please, if anything is unclear to you or your team in the warehouse or in finance or sales.", {
      maxSentenceWords: 5,
    });
    expect(r.findings.filter((f) => f.kind === "long-sentence").map((f) => f.quote)).toEqual([
      "Access is limited to the `erp` and `crm` modules only (see the guide).",
      "Ask Maria about it, please, if anything is unclear to you or your team in the warehouse or in finance or sales.",
    ]);
  });

  it("a lower-case list that goes on with a sentence is one sentence for the grade, one per item for length", () => {
    const model = parseMarkdownModel(
      "In one screen you can:\n\n- see what the ward holds;\n- spot items that run low; and\n- create an order.\n\nDark mode:\n\n- Choose it in the settings.\n",
    );
    expect(model.sentences.map((s) => s.continuesPrevious)).toEqual([false, true, true, true, false, false]);
    expect(readSentenceCount(model.sentences)).toBe(3);
  });
});

describe("known_acronyms in .integ.yml", () => {
  it("is read from release_note.plain_language, in capitals", () => {
    const parsed = parseIntegConfig(
      'version: 1\nowners: ["@maria"]\nrelease_note:\n  plain_language:\n    known_acronyms: ["nhs", "GP"]\n',
      ".integ.yml",
    );
    expect(parsed.ok && parsed.config.releaseNote.plainLanguage.knownAcronyms).toEqual(["NHS", "GP"]);
  });

  it("must be a list of words", () => {
    const parsed = parseIntegConfig('version: 1\nowners: ["@maria"]\nrelease_note:\n  plain_language:\n    known_acronyms: NHS\n', ".integ.yml");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]?.keyPath).toBe("release_note.plain_language.known_acronyms");
  });
});
