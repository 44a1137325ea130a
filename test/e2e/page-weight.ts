// What a page costs to load: the JavaScript the browser fetched for it, counted as sent on the wire
// (compressed), with the chunks it was. Used by the page-weight journey and `npm run bench:web`.
import type { Page } from "playwright-core";

export interface PageWeight {
  /** Bytes of JavaScript on the wire (brotli or gzip as the server sent them). */
  scriptBytes: number;
  /** Bytes of JavaScript once inflated. */
  scriptBytesInflated: number;
  scripts: number;
  /** Each script's name and bytes on the wire, largest first. */
  chunks: [string, number][];
  /** Whether the chart library was among them (it should load only where a chart is drawn). */
  charts: boolean;
}

/** Opens `url` in a fresh page state and counts every script response until the network is quiet. */
export async function weighPage(page: Page, url: string, ready: () => Promise<unknown>): Promise<PageWeight> {
  const seen: Promise<{ url: string; wire: number; inflated: number; charts: boolean }>[] = [];
  const onResponse = (res: import("playwright-core").Response) => {
    if (res.request().resourceType() !== "script") return;
    seen.push(
      (async () => {
        const sizes = await res.request().sizes();
        const body = await res.body();
        return { url: new URL(res.url()).pathname, wire: sizes.responseBodySize, inflated: body.length, charts: body.includes("echarts") || body.includes("ECharts") };
      })(),
    );
  };
  page.on("response", onResponse);
  await page.goto(url);
  await ready();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const all = await Promise.all(seen);
  return {
    scriptBytes: all.reduce((n, s) => n + s.wire, 0),
    scriptBytesInflated: all.reduce((n, s) => n + s.inflated, 0),
    scripts: all.length,
    chunks: all.map((s): [string, number] => [s.url, s.wire]).sort((a, b) => b[1] - a[1]),
    charts: all.some((s) => s.charts),
  };
}
