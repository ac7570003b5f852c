// Promise "supply chain" (docs/guarantees.md): nothing runs at install time and the lockfile is committed.
// `npm audit --omit=dev` needs the network, so it is run by hand and in CI, not here.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts?: Record<string, string>; dependencies?: Record<string, string> };

describe('supply chain', () => {
  it('declares no install-time scripts', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare']) {
      expect(pkg.scripts?.[hook]).toBeUndefined();
    }
  });

  it('commits a lockfile that pins every production dependency', () => {
    expect(existsSync(`${root}package-lock.json`)).toBe(true);
    const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as { lockfileVersion: number; packages: Record<string, { version?: string; hasInstallScript?: boolean; dev?: boolean; integrity?: string }> };
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry?.version, name).toBeDefined();
      expect(entry?.integrity, name).toMatch(/^sha512-/);
    }
  });

  it('installs no production dependency that runs an install script', () => {
    const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }> };
    const scripted = Object.entries(lock.packages).filter(([path, p]) => path !== '' && p.hasInstallScript === true && p.dev !== true);
    expect(scripted.map(([path]) => path)).toEqual([]);
  });
});
