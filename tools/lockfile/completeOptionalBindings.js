#!/usr/bin/env node
// The registry this project is built against serves only the Linux builds of some platform-specific optional
// packages, so `npm install` leaves the other platforms out of package-lock.json and `npm ci` then refuses the lock
// ("Missing: ... from lock file"), here and on every other machine. This adds the missing entries (no integrity:
// npm fetches and records it on the platform that installs them; every other platform skips them).
// Run after any `npm install` that rewrites the lock: `node tools/lockfile/completeOptionalBindings.js`.
"use strict";
const fs = require("fs");
const path = require("path");

const lockPath = path.resolve(__dirname, "../../package-lock.json");
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));

/** `<os>-<cpu>[-<abi>]` as the binding packages spell it → npm's os/cpu/libc fields. */
function platformOf(suffix) {
  const [os, cpu, abi] = suffix.split("-");
  const cpuName = {
    arm: "arm",
    arm64: "arm64",
    x64: "x64",
    ia32: "ia32",
    loong64: "loong64",
    ppc64: "ppc64",
    riscv64: "riscv64",
    s390x: "s390x",
  }[cpu];
  if (!cpuName) throw new Error(`unknown cpu in ${suffix}`);
  const fields = { cpu: [cpuName], os: [os] };
  if (os === "linux" && abi) fields.libc = [/musl/.test(abi) ? "musl" : "glibc"];
  return fields;
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const prefix = location === "" ? "" : `${location}/`;
    const target = `${prefix}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[target] || lock.packages[hoisted]) continue;
    const match = /-binding-(.+)$/.exec(name);
    if (!match) continue;
    lock.packages[hoisted] = { version, ...platformOf(match[1]), dev: entry.dev, license: entry.license, optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries to package-lock.json`);
