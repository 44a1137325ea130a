// Page weight (issue 13 item 6): the compressed JavaScript each public and learner page fetches in a
// browser with nothing cached, and its largest chunks. Prints figures; asserts nothing. Needs Chromium.
// Run: npm run bench:web
import type { Browser } from "playwright-core";
import { signIn, startJourney } from "../test/e2e/browser.js";
import { weighPage } from "../test/e2e/page-weight.js";
// @ts-expect-error: the build script is plain JavaScript without type declarations
import { build } from "../scripts/build.mjs";

build({ server: false, web: true, quiet: true });
const j = await startJourney({ filingDemo: true });
const base = j.server.baseUrl;
const signedIn = await (async () => {
  const ctx = await j.browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, base, "pro1");
  await page.waitForURL(`${base}/`);
  const state = await ctx.storageState();
  await ctx.close();
  return state;
})();

const pages: [string, RegExp, boolean][] = [
  ["/public/trainings", /培训日历/, false],
  ["/public/bases", /基地名录/, false],
  ["/public/notices", /公示/, false],
  ["/login", /继续教育基地服务平台/, false],
  ["/", /工作台|首页/, true],
  ["/my/courses", /我的课程/, true],
  ["/my/record", /学习档案|学时/, true],
  ["/trainings", /培训日历/, true],
];
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log("| page | signed in | scripts | JS on the wire (br) | inflated | charts | largest chunks |");
console.log("|---|---|---|---|---|---|---|");
for (const [path, heading, learner] of pages) {
  const ctx = await (j.browser as Browser).newContext(learner ? { storageState: signedIn } : {});
  const page = await ctx.newPage();
  const w = await weighPage(page, `${base}${path}`, () => page.getByRole("heading", { name: heading }).first().waitFor({ timeout: 15000 }).catch(() => undefined));
  await ctx.close();
  const top = w.chunks.slice(0, 3).map(([u, n]) => `${u.replace(/^\/assets\//, "").replace(/-[A-Za-z0-9_-]{8}\.js$/, "")} ${kb(n)}`).join(", ");
  console.log(`| ${path} | ${learner ? "pro1" : "no"} | ${w.scripts} | ${kb(w.scriptBytes)} | ${kb(w.scriptBytesInflated)} | ${w.charts ? "yes" : "no"} | ${top} |`);
}
await j.close();
