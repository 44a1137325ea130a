// Helpers of the delivery journey: a professional's phone (a narrow touch screen, signed in), the check-in
// link the staff page's QR code encodes, a filed one-session project made through the API, and a
// synthetic ID number with a valid GB 11643 check character.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { idNumberCheckChar } from "../../src/shared/identifiers.js";
import type { ProjectInput } from "../../src/shared/filing.js";
import type { Client } from "../support/harness.js";
import { signIn, type Journey } from "./browser.js";

/** iPhone SE-sized: the check-in page must work on a narrow screen. */
export const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A fresh phone-sized context signed in as `username`. */
export async function phoneSignedInAs(j: Journey, username: string): Promise<Page> {
  const context = await j.browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, j.server.baseUrl, username);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

/** The phone check-in link the QR code on the staff page encodes (the <img> carries it for tests and screen readers). */
export async function checkInLink(page: Page): Promise<string> {
  const img = page.getByRole("img", { name: "签到二维码，请用手机扫码签到" }).first();
  await img.waitFor();
  const url = await img.getAttribute("data-check-in-url");
  if (!url) throw new Error("the QR code carries no check-in link");
  return url;
}

/** The same link on this test server (the configured public address may differ from the port the test listens on). */
export function onServer(j: Journey, link: string): string {
  const u = new URL(link, j.server.baseUrl);
  return `${j.server.baseUrl}${u.pathname}${u.search}`;
}

/** 18 digits with a valid check character: a Weihai (3710) ID number of someone born on `birth`. */
export function syntheticIdNumber(birth: string, seq: number): string {
  const first17 = `371002${birth}${String(seq).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheckChar(id: string): string {
  const wrong = id[17] === "1" ? "2" : "1";
  return id.slice(0, 17) + wrong;
}

/**
 * Accessibility problems axe finds on the page once its finite animations are over (rule: help, with the
 * first target). A dialog still fading in has its text at part opacity, which axe reads as too little
 * contrast (a CI run once failed on 下线 that way at 375 px); spinners run forever and are not waited for.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity),
  );
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(" ") ?? ""})`);
}

/** A filed, free, ad-hoc project of the base with one morning session on `date` (filed through the API). */
export async function givenOneSessionProject(base: Client, baseId: string, date: string, o: Partial<ProjectInput> = {}): Promise<any> {
  const input: ProjectInput = {
    baseId,
    annualPlanId: null,
    planItemKey: null,
    adHoc: true,
    adHocReason: "企业新上产线，急需培训一线技术人员",
    title: "工业机器人安全操作与维护培训班",
    subjectType: "professional",
    category: "professional_subject",
    specialty: "智能制造",
    startDate: date,
    endDate: date,
    hours: 3,
    mode: "offline",
    venue: "威海市环翠区高技术产业园实训楼 302 教室",
    capacity: 40,
    feeFen: 0,
    teachers: [{ name: "王志远", title: "高级工程师", org: "威海市智能装备研究院" }],
    sessions: [{ date, startTime: "09:00", endTime: "12:00", title: "工业机器人安全操作规程", teacher: "王志远", hours: 3 }],
    description: "面向全市智能制造企业一线技术人员的专题培训。",
    ...o,
  };
  const draft = await base.post("/api/v1/training-projects", input);
  if (draft.status !== 201) throw new Error(`project: ${JSON.stringify(draft.body)}`);
  const filed = await base.post(`/api/v1/training-projects/${draft.body.id}/actions/submit`, { version: draft.body.version });
  if (filed.status !== 200 || filed.body.status !== "filed") throw new Error(`submit: ${JSON.stringify(filed.body)}`);
  return filed.body;
}
