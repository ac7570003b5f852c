// Adds lockfile entries for optional platform packages (other OS/CPU builds of rollup, DuckDB bindings…)
// that npm left out because the registry it used did not serve their metadata. `npm ci` refuses a lock
// that lists an optional dependency without an entry; with os/cpu/libc set, npm skips these entries on
// every other platform, exactly as it would with complete metadata. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const OS = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'android', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (lock.packages[target] !== undefined) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p));
    if (os === undefined || cpu === undefined || !/^\d+\.\d+\.\d+/.test(version)) {
      throw new Error(`cannot tell the platform of ${name}@${version} (needed by ${key})`);
    }
    const added_entry = { version, ...(entry.dev ? { dev: true } : {}), optional: true, os: [os], cpu: [cpu] };
    if (parts.includes('musl')) added_entry.libc = ['musl'];
    else if (parts.includes('gnu') || parts.includes('gnueabihf')) added_entry.libc = ['glibc'];
    lock.packages[target] = added_entry;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} entries`);
