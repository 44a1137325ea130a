// Browser journeys drive the system Chromium through playwright-core (its own browser download cannot
// work here). The server under test is the real one, serving the built web app on a fresh database.
import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_TOTP_USERNAMES } from "../../src/server/demo/seed.js";
import { startServer, type TestServer } from "../support/harness.js";

/** The server behind each journey's address, so signIn can compute a demo account's second factor. */
const serversByUrl = new Map<string, TestServer>();

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) " +
        "or point CHROMIUM_PATH at a Chrome/Chromium binary.",
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface Journey {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

/** A server with the demo accounts (and, when asked, the demo accreditation or filing history) and a browser. */
export async function startJourney(demo: { accreditationDemo?: boolean; filingDemo?: boolean } = {}): Promise<Journey> {
  if (!fs.existsSync("dist/web/index.html")) throw new Error("dist/web is missing: run `npm run build` (npm test does it first)");
  const server = await startServer("sqlite", {}, demo);
  serversByUrl.set(server.baseUrl, server);
  const browser = await launchBrowser();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      serversByUrl.delete(server.baseUrl);
      await server.close();
    },
  };
}

export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  // issue 10 item 8: a demo account that needs a second factor is asked for a code of the demo secret
  const server = serversByUrl.get(baseUrl);
  if (server && password === DEMO_PASSWORD && DEMO_TOTP_USERNAMES.has(username)) {
    await page.getByLabel("动态验证码").fill(server.freshCode(username));
    await page.getByRole("button", { name: /登\s*录/ }).click();
  }
}
