#!/usr/bin/env node
/**
 * `node tools/complete-lockfile.js` — after an `npm install` on this project's machines.
 *
 * Why: the registry these machines reach does not serve the other platforms' prebuilt
 * binaries of @swc/core and unrs-resolver (jest 30) — darwin, win32, arm, s390x… answer
 * 404 — so `npm install` leaves them out of package-lock.json, and `npm ci` then refuses
 * the lock ("Missing: @swc/core-darwin-arm64@ from lock file"). This adds, for each
 * optional dependency a locked package names but the lock lacks, the entry npm itself
 * would write: version, optional, and the os/cpu (and libc) its name encodes, so npm
 * skips it on any other platform and never tries to fetch it here.
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony'];
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', s390x: 's390x', loong64: 'loong64', riscv64: 'riscv64' };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (!os || !cpu) return null;
  const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : parts.some((p) => p.startsWith('gnu')) ? 'glibc' : undefined;
  return { os: [os], cpu: [cpu], ...(os === 'linux' && libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [where, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies || {})) {
    const at = `node_modules/${dep}`;
    if (lock.packages[at] || lock.packages[`${where}/node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;   // not a platform binary: leave it for npm to report
    lock.packages[at] = { version: version.replace(/^[\^~=]/, ''), ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} platform-specific optional entries added`);
