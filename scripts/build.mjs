// Builds what is missing or stale: the server (tsc → dist/node) and the web app (vite → dist/web).
// `npm start` and the `cebase` command call this first, so a fresh clone needs no separate build.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
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

export function build({ server = true, web = true, quiet = false } = {}) {
  const log = (m) => quiet || console.error(m);
  const serverOut = path.join(root, "dist/node/server/main.js");
  if (server && stale(serverOut, ["src/server", "src/shared"])) {
    log("building server (tsc)…");
    execFileSync(bin("tsc"), ["-p", "tsconfig.server.json"], { cwd: root, stdio: "inherit" });
    fs.utimesSync(serverOut, new Date(), new Date());
  }
  const webOut = path.join(root, "dist/web/index.html");
  if (web && stale(webOut, ["src/web", "src/shared"])) {
    log("building web app (vite)…");
    execFileSync(bin("vite"), ["build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ server: !process.argv.includes("--web-only"), web: !process.argv.includes("--server-only") });
}
