// The scheduled jobs on a thread of their own (issue 13 item 4). At province scale a job reads millions
// of rows (the hourly risk scan, the October reminders, the yearly reports), and better-sqlite3 answers
// each query synchronously on the thread that asks: run on the request thread, one job stalled every
// user for seconds. Here the jobs open their own platform (their own database connection, their own
// document threads) and run the same scheduler; the request thread only starts and stops this thread.
import { parentPort, workerData } from "node:worker_threads";
import pino from "pino";
import { openPlatform } from "./app.js";
import { ALL_JOBS } from "./jobs.js";
import type { AppConfig } from "./platform/config.js";
import { startScheduler } from "./platform/scheduler.js";

const config = workerData as AppConfig;
const log = pino({ level: config.logLevel, name: "cebase-jobs" });
const platform = await openPlatform(config);
const scheduler = startScheduler(platform, ALL_JOBS, config.jobIntervalMs, log);

parentPort!.on("message", (message: unknown) => {
  if (message !== "stop") return;
  void (async () => {
    await scheduler.stop();
    await platform.documents.close();
    await platform.handle.close();
    parentPort!.postMessage("stopped");
  })();
});
parentPort!.postMessage("started");
