// The second factor of a demo account for a server in another process (the real-process tests and the
// benchmarks), where the harness cannot move the server's security clock on.
import { DEMO_TOTP_SECRET, DEMO_TOTP_USERNAMES } from "../../src/server/demo/seed.js";
import { totpAt, totpStep, TOTP_STEP_SECONDS } from "../../src/server/platform/totp.js";

const lastSteps = new Map<string, number>();
/**
 * issue 10 item 8: a demo account that needs a second factor signs in with a code of the demo secret on
 * the real clock (the servers here are other processes). A code works once, so a second sign-in within
 * one step takes the next one; the server accepts one step ahead only, so a third waits for the clock
 * (the real clock of another process cannot be moved on, as the in-process harness does).
 */
export async function demoCode(username: string): Promise<string | undefined> {
  if (!DEMO_TOTP_USERNAMES.has(username)) return undefined;
  const step = Math.max(totpStep(Date.now()), (lastSteps.get(username) ?? -1) + 1);
  lastSteps.set(username, step);
  const wait = (step - 1) * TOTP_STEP_SECONDS * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
  return totpAt(DEMO_TOTP_SECRET, step * TOTP_STEP_SECONDS * 1000);
}
