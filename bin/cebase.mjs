#!/usr/bin/env node
// The operators' command: builds the server when needed, then runs it with the given arguments.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "../scripts/build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const command = process.argv[2] ?? "start";
build({ server: true, web: command === "start", quiet: true });
await import(pathToFileURL(path.join(root, "dist/node/server/main.js")).href);
