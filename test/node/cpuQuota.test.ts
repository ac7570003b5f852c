import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { cgroupCpuLimit, cpusFromCfs, cpusFromCpuMax } from '../../src/node/cpuQuota.js';
import { machineResources } from '../../src/node.js';
import { coresUnderQuota } from '../../src/node/workerCount.js';

/** A reader over a fake file system. */
const files =
  (fs: Record<string, string>) =>
  (path: string): string | undefined =>
    fs[path];

const V2_MOUNT = '30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n';

describe('the CPU quota of a control group', () => {
  it('reads cgroup v2 cpu.max and cgroup v1 CFS quotas', () => {
    expect(cpusFromCpuMax('100000 100000\n')).toBe(1);
    expect(cpusFromCpuMax('150000 100000')).toBe(1.5);
    expect(cpusFromCpuMax('max 100000')).toBeUndefined();
    expect(cpusFromCpuMax('0 100000')).toBeUndefined();
    expect(cpusFromCpuMax('')).toBeUndefined();
    expect(cpusFromCpuMax(undefined)).toBeUndefined();
    expect(cpusFromCfs('50000\n', '100000\n')).toBe(0.5);
    expect(cpusFromCfs('-1', '100000')).toBeUndefined();
    expect(cpusFromCfs('50000', undefined)).toBeUndefined();
  });

  it('finds a container’s quota (cgroup v2, its own namespace: the group is "/")', () => {
    const read = files({ '/proc/self/cgroup': '0::/\n', '/proc/self/mountinfo': V2_MOUNT, '/sys/fs/cgroup/cpu.max': '100000 100000\n' });
    expect(cgroupCpuLimit(read)).toBe(1);
  });

  it('takes the lowest quota along the group and its ancestors', () => {
    const read = files({
      '/proc/self/cgroup': '0::/ci.slice/job-42.scope\n',
      '/proc/self/mountinfo': V2_MOUNT,
      '/sys/fs/cgroup/ci.slice/job-42.scope/cpu.max': 'max 100000\n',
      '/sys/fs/cgroup/ci.slice/cpu.max': '200000 100000\n',
    });
    expect(cgroupCpuLimit(read)).toBe(2);
  });

  it('reads no quota of a group that is not under the mount\'s root, even one whose name starts the same', () => {
    const mountinfo = '30 23 0:26 /docker/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n';
    const fs = { '/proc/self/mountinfo': mountinfo, '/sys/fs/cgroup/cpu.max': '100000 100000\n' };
    expect(cgroupCpuLimit(files({ ...fs, '/proc/self/cgroup': '0::/docker/abcdef\n' }))).toBeUndefined();
    expect(cgroupCpuLimit(files({ ...fs, '/proc/self/cgroup': '0::/system.slice\n' }))).toBeUndefined();
  });

  it('decodes escaped mount paths and prefers the cgroup2 mount at /sys/fs/cgroup', () => {
    const mountinfo = ['50 23 0:26 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw', '30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw'].join('\n');
    const fs = { '/proc/self/cgroup': '0::/\n', '/proc/self/mountinfo': mountinfo };
    expect(cgroupCpuLimit(files({ ...fs, '/sys/fs/cgroup/cpu.max': '200000 100000\n' }))).toBe(2);
    const only = files({ '/proc/self/cgroup': '0::/\n', '/proc/self/mountinfo': mountinfo.split('\n')[0]!, '/mnt/my cgroups/cpu.max': '100000 100000\n' });
    expect(cgroupCpuLimit(only)).toBe(1);
  });

  it('maps a group under a mount whose root is not "/" (a container without its own cgroup namespace)', () => {
    const read = files({
      '/proc/self/cgroup': '0::/docker/abc\n',
      '/proc/self/mountinfo': '30 23 0:26 /docker/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n',
      '/sys/fs/cgroup/cpu.max': '300000 100000\n',
    });
    expect(cgroupCpuLimit(read)).toBe(3);
  });

  it('reads cgroup v1 through the mount that holds the cpu controller', () => {
    const mountinfo = [
      '32 31 0:29 /docker/abc /sys/fs/cgroup/cpu,cpuacct ro,nosuid - cgroup cgroup rw,cpu,cpuacct',
      '35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory',
    ].join('\n');
    const fs = { '/proc/self/cgroup': '4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n', '/proc/self/mountinfo': mountinfo };
    const limited = { ...fs, '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '50000\n', '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000\n' };
    expect(cgroupCpuLimit(files(limited))).toBe(0.5);
    const unlimited = { ...fs, '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '-1\n', '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000\n' };
    expect(cgroupCpuLimit(files(unlimited))).toBeUndefined();
  });

  it('is undefined without a quota, without cgroups, or off Linux', () => {
    // Hybrid hierarchies: v1 controllers and an empty unified mount.
    const hybrid = files({
      '/proc/self/cgroup': '1:cpu:/\n0::/\n',
      '/proc/self/mountinfo': '32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n',
      '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1\n',
      '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n',
    });
    expect(cgroupCpuLimit(hybrid)).toBeUndefined();
    expect(cgroupCpuLimit(files({ '/proc/self/cgroup': '0::/\n', '/proc/self/mountinfo': V2_MOUNT }))).toBeUndefined();
    expect(cgroupCpuLimit(files({}))).toBeUndefined();
  });

  it('lowers the cores --workers auto counts to the quota, rounded down, never below one', () => {
    expect(coresUnderQuota(16, undefined)).toBe(16);
    expect(coresUnderQuota(16, 1.5)).toBe(1);
    expect(coresUnderQuota(16, 0.5)).toBe(1);
    expect(coresUnderQuota(16, 3)).toBe(3);
    expect(coresUnderQuota(2, 64)).toBe(2);
    const { cores } = machineResources();
    expect(cores).toBeGreaterThanOrEqual(1);
    expect(cores).toBeLessThanOrEqual(availableParallelism());
    const quota = cgroupCpuLimit();
    if (quota !== undefined) expect(cores).toBe(Math.max(1, Math.min(availableParallelism(), Math.floor(quota))));
    else expect(cores).toBe(availableParallelism());
  });
});
