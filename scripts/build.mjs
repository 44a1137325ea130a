// Builds what is missing or stale: the server (tsc → dist/node) and the web app (vite → dist/web).
// `npm start` and the `cebase` command call this first, so a fresh clone needs no separate build.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  if (fs.statSync(dir).isFile()) return fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function stale(output, inputs) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return inputs.some((i) => newestMtime(path.join(root, i)) > built);
}

// One build at a time across processes (test files building in parallel, `npm start` beside a test):
// tsc rewrites dist/node file by file, and a server started meanwhile would import a half-written file.
// A lock directory older than the longest build is left over from a killed build and is taken over.
function whileLocked(fn) {
  const lock = path.join(root, "dist", ".build-lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(pause, 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function build(options = {}) {
  return whileLocked(() => buildUnlocked(options));
}

function buildUnlocked({ server = true, web = true, quiet = false } = {}) {
  const log = (m) => quiet || console.error(m);
  const serverOut = path.join(root, "dist/node/server/main.js");
  if (server && stale(serverOut, ["src/server", "src/shared"])) {
    log("building server (tsc)…");
    execFileSync(bin("tsc"), ["-p", "tsconfig.server.json"], { cwd: root, stdio: "inherit" });
    fs.utimesSync(serverOut, new Date(), new Date());
  }
  const webOut = path.join(root, "dist/web/index.html");
  if (web && stale(webOut, ["src/web", "src/shared", "vite.config.ts"])) {
    log("building web app (vite)…");
    execFileSync(bin("vite"), ["build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
    precompress(path.join(root, "dist/web"));
  }
}

/**
 * issue 13 item 6: every text asset is written beside itself as .br and .gz at the highest levels once,
 * at build time, so the server sends the smallest encoding the browser takes without compressing per
 * request (@fastify/static preCompressed).
 */
function precompress(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) precompress(p);
    else if (/\.(js|css|html|svg|json|txt|map)$/.test(entry.name) && fs.statSync(p).size > 1024) {
      const raw = fs.readFileSync(p);
      fs.writeFileSync(`${p}.br`, zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
      fs.writeFileSync(`${p}.gz`, zlib.gzipSync(raw, { level: 9 }));
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ server: !process.argv.includes("--web-only"), web: !process.argv.includes("--server-only") });
}
