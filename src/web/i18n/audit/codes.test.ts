// Every action code the server writes to the audit trail has words in both languages, so the audit
// page never shows `auth.login` to a person. The codes are read from the server's source: each
// appendAudit call's `action:` (literals, both arms of a ternary) and each workflow step, which the
// workflow engine audits as `<resourceType>.<action>`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import zhCodes from "./codes.zh-CN.json";

const SERVER = join(import.meta.dirname, "../../../server");
const I18N = join(import.meta.dirname, "..");

type Tree = { [key: string]: string | Tree };
function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === "object" && typeof cur === "object" ? merge({ ...cur }, v) : v;
  }
  return into;
}
/** The words as the app has them: every area file (i18n/<domain>/<area>.<lang>.json) merged, as i18n/index.ts does. */
function areaTree(lang: string): typeof zhCodes {
  let out: Tree = {};
  for (const dir of readdirSync(I18N, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const f of readdirSync(join(I18N, dir.name)).filter((n) => n.endsWith(`.${lang}.json`))) {
      out = merge(out, JSON.parse(readFileSync(join(I18N, dir.name, f), "utf8")) as Tree);
    }
  }
  return out as unknown as typeof zhCodes;
}
const zh = areaTree("zh-CN");
const en = areaTree("en-US");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [join(dir, e.name)] : [],
  );
}

function auditedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, "utf8");
    for (const call of text.matchAll(/appendAudit\([^]*?action:\s*([^\n]+)/g)) {
      for (const lit of call[1].matchAll(/"([a-z][A-Za-z]*\.[a-z][A-Za-z-]*)"/g)) codes.add(lit[1]);
      // rectificationOrder.${action}: the steps of its own table, below
    }
    const workflow = text.includes("defineWorkflow") ? /resourceType: "([A-Za-z]+)"/.exec(text) : null;
    if (workflow) for (const step of text.matchAll(/\baction: "([a-z][a-z-]*)"/g)) codes.add(`${workflow[1]}.${step[1]}`);
    const templated = /action: `([A-Za-z]+)\.\$\{action\}`/.exec(text);
    if (templated) for (const step of text.matchAll(/\baction: "([a-z][a-z-]*)"/g)) codes.add(`${templated[1]}.${step[1]}`);
  }
  return codes;
}

const words = (tree: typeof zh, code: string): unknown => {
  const [resource, verb] = [code.slice(0, code.indexOf(".")), code.slice(code.indexOf(".") + 1)];
  return (tree.auditCodes.action as Record<string, Record<string, string>>)[resource]?.[verb];
};

describe("audit action codes", () => {
  it("has words in Chinese and English for every action the server audits", () => {
    const codes = auditedCodes();
    expect(codes.size).toBeGreaterThan(100);
    expect(codes).toContain("auth.login");
    expect(codes).toContain("annualPlan.submit");
    const missing = [...codes].filter((c) => typeof words(zh, c) !== "string" || typeof words(en as typeof zh, c) !== "string");
    expect(missing).toEqual([]);
  });
});
