// Journey (issue 10 item 8): two-factor enrolment by QR code in the browser, at desktop and phone width.
// The page shows the QR code and the key; the test reads the key from the page, computes the code as an
// authenticator app would, confirms, sees the ten recovery codes once, and signs in again with a code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/demo/seed.js";
import { idOf } from "../support/harness.js";
import { startJourney, type Journey } from "./browser.js";

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 740 },
];

async function submitLogin(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
}

/** On the 双因素认证 page: start, read the key, confirm a code of it, and keep the recovery codes. */
async function enrolOnPage(j: Journey, page: Page, username: string): Promise<string> {
  await page.getByRole("button", { name: "开始绑定" }).click();
  const qr = page.getByRole("img", { name: "用身份验证器扫描的二维码" });
  await qr.waitFor();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("验证码").fill(j.server.freshCode(username, secret));
  await page.getByRole("button", { name: "确认绑定" }).click();
  const codes = page.getByRole("list", { name: "请妥善保存以下恢复码" }).getByRole("listitem");
  await expect.poll(() => codes.count()).toBe(10);
  await page.getByRole("button", { name: "我已保存，继续" }).click();
  return secret;
}

describe("two-factor enrolment by QR code", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.close());

  for (const size of WIDTHS) {
    it(`lets an optional account enrol from its own page and then asks for the code at sign-in (${size.name})`, async () => {
      const username = size.name === "desktop" ? "pro1" : "pro2";
      const context = await j.browser.newContext({ viewport: { width: size.width, height: size.height } });
      const page = await context.newPage();
      await submitLogin(page, j.server.baseUrl, username);
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${j.server.baseUrl}/two-factor`);
      await page.getByText("尚未启用双因素认证。").waitFor();
      const secret = await enrolOnPage(j, page, username);
      await context.clearCookies();
      await submitLogin(page, j.server.baseUrl, username);
      await page.getByLabel("动态验证码").fill(j.server.freshCode(username, secret));
      await page.getByRole("button", { name: /登\s*录/ }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await context.close();
    });

    it(`sends a required account without a second factor straight to enrolment, and opens the rest after it (${size.name})`, async () => {
      const username = size.name === "desktop" ? "supervisor" : "supervisor2";
      const secadmin = await j.server.as("secadmin");
      const id = await idOf(await j.server.as("bureau"), "users", (u) => u.username === username);
      expect((await secadmin.post(`/api/v1/users/${id}/actions/reset-totp`)).status).toBe(204);
      const context = await j.browser.newContext({ viewport: { width: size.width, height: size.height } });
      const page = await context.newPage();
      await submitLogin(page, j.server.baseUrl, username);
      await page.waitForURL((u) => u.pathname === "/two-factor");
      await page.getByText("您的账号须启用双因素认证：绑定完成前不能使用其他功能。").waitFor();
      await enrolOnPage(j, page, username);
      await page.waitForURL((u) => u.pathname === "/");
      expect((await page.evaluate(() => document.documentElement.scrollWidth)) <= size.width + 1).toBe(true);
      await context.close();
    });
  }
});
