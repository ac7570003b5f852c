/**
 * The CPU quota of a Linux control group. Node 20's `os.availableParallelism()` counts the CPUs this process
 * may be scheduled on, not a container's quota: `docker run --cpus=1` on a 16-core host still reports 16,
 * and `--workers auto` would start two workers that then share one CPU with the main thread.
 */
import { readFileSync } from 'node:fs';

/** Reads a text file, or undefined when it cannot be read (absent, not Linux, no permission). */
export type ReadText = (path: string) => string | undefined;

const readText: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * CPUs allowed by a cgroup v2 `cpu.max` ("150000 100000" is 1.5), or undefined for "max" or anything else.
 *
 * @example
 * cpusFromCpuMax('150000 100000') //=> 1.5
 * cpusFromCpuMax('max 100000') //=> undefined
 */
export function cpusFromCpuMax(text: string | undefined): number | undefined {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text ?? '');
  return m === null ? undefined : ratio(Number(m[1]), Number(m[2]));
}

/**
 * CPUs allowed by cgroup v1's `cpu.cfs_quota_us` and `cpu.cfs_period_us` ("-1": no quota, undefined).
 *
 * @example
 * cpusFromCfs('50000', '100000') //=> 0.5
 * cpusFromCfs('-1', '100000') //=> undefined
 */
export function cpusFromCfs(quota: string | undefined, period: string | undefined): number | undefined {
  const q = /^\s*(\d+)\s*$/.exec(quota ?? '');
  const p = /^\s*(\d+)\s*$/.exec(period ?? '');
  return q === null || p === null ? undefined : ratio(Number(q[1]), Number(p[1]));
}

function ratio(quota: number, period: number): number | undefined {
  return quota > 0 && period > 0 ? quota / period : undefined;
}

/** Where a cgroup hierarchy is mounted, and which of its groups is the mount's root. */
interface Mount {
  readonly root: string;
  readonly point: string;
}

/** The cgroup v2 mount and the v1 mount holding the `cpu` controller, from `/proc/self/mountinfo`. */
function cgroupMounts(mountinfo: string): { v2?: Mount; v1cpu?: Mount } {
  const out: { v2?: Mount; v1cpu?: Mount } = {};
  for (const line of mountinfo.split('\n')) {
    // "36 35 98:0 /root /mount/point rw,… [optional fields] - fstype source super,options"
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const f = line.slice(0, dash).split(' ');
    const g = line.slice(dash + 3).split(' ');
    const mount = { root: unescapeMountPath(f[3] ?? '/'), point: unescapeMountPath(f[4] ?? '') };
    // A second cgroup2 mount (bind-mounted elsewhere) is the same hierarchy; prefer the usual place.
    if (g[0] === 'cgroup2') out.v2 = out.v2 === undefined || mount.point === '/sys/fs/cgroup' ? mount : out.v2;
    else if (g[0] === 'cgroup' && (g[2] ?? '').split(',').includes('cpu')) out.v1cpu ??= mount;
  }
  return out;
}

/** mountinfo writes space, tab, newline and backslash in paths as octal escapes ("\\040"). */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * The group's folder under its mount, then each ancestor's up to the mount point; none when the group is
 * not under the mount's root (that mount shows other groups, whose quotas are not this process's).
 */
function foldersUp(mount: Mount, group: string): string[] {
  const root = mount.root.replace(/\/+$/, '');
  if (root !== '' && group !== root && !group.startsWith(`${root}/`)) return [];
  const parts = group.slice(root.length).split('/').filter((p) => p !== '');
  const out: string[] = [];
  for (let n = parts.length; n >= 0; n--) out.push([mount.point, ...parts.slice(0, n)].join('/'));
  return out;
}

/**
 * The CPUs this process's control group may use (the lowest quota along the group and its ancestors,
 * cgroup v2 or v1), or undefined when there is no quota or it cannot be read (not Linux, say).
 *
 * @param read - Reads a file (for tests); the real files by default.
 * @example
 * cgroupCpuLimit() //=> 1 in a container started with --cpus=1; undefined on a laptop
 */
export function cgroupCpuLimit(read: ReadText = readText): number | undefined {
  const self = read('/proc/self/cgroup');
  const mountinfo = read('/proc/self/mountinfo');
  if (self === undefined || mountinfo === undefined) return undefined;
  const { v2, v1cpu } = cgroupMounts(mountinfo);
  let limit: number | undefined;
  const lower = (cpus: number | undefined): void => {
    if (cpus !== undefined && (limit === undefined || cpus < limit)) limit = cpus;
  };
  for (const line of self.split('\n')) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (m === null) continue;
    const [, id, controllers, group] = m as unknown as [string, string, string, string];
    if (id === '0' && controllers === '' && v2 !== undefined) {
      for (const dir of foldersUp(v2, group)) lower(cpusFromCpuMax(read(`${dir}/cpu.max`)));
    } else if (controllers.split(',').includes('cpu') && v1cpu !== undefined) {
      for (const dir of foldersUp(v1cpu, group)) lower(cpusFromCfs(read(`${dir}/cpu.cfs_quota_us`), read(`${dir}/cpu.cfs_period_us`)));
    }
  }
  return limit;
}
