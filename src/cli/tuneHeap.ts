/**
 * Runs the heavy commands in a Node process with a larger young generation. Reconciliation allocates many
 * short-lived strings and objects per record; with V8's default 16 MiB semi-space most of them survive two
 * scavenges while the reference is being built and get promoted, so the old generation grows and full GCs
 * follow. At 1M citizens × 1M records, 64 MiB semi-spaces took the CLI from ~100 s to ~71 s and its peak
 * RSS from 2.0 GB to 1.3 GB (docs/performance.md). V8 reads the flag only at start-up, hence the respawn.
 */
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/** V8 flag applied to the heavy commands. */
export const SEMI_SPACE_FLAG = '--max-semi-space-size=64';

/** Commands that reconcile (and so benefit from the tuned heap). */
const HEAVY = new Set(['reconcile', 'demo', 'eval']);

/**
 * Whether this process should re-run itself with {@link SEMI_SPACE_FLAG}: a heavy command, and neither the
 * flag already set (by us or by the user, in `execArgv` or `NODE_OPTIONS`) nor `DOISOAT_NO_RESPAWN=1`.
 */
export function shouldRespawn(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === undefined || !HEAVY.has(command)) return false;
  if (env['DOISOAT_NO_RESPAWN'] === '1') return false;
  const set = (s: string): boolean => /--max-semi-space-size\b/.test(s);
  return !execArgv.some(set) && !set(env['NODE_OPTIONS'] ?? '');
}

/**
 * V8 flag applied before worker threads start. Each thread's heap grows to about twice its live size
 * before a full collection; with three heaps (the main thread and two workers, each holding the reference's
 * strings) that took `--workers 2` at 1M × 1M to 1.6–1.9 GB. Growing by 30 % instead kept it at 1.41–1.50 GB
 * at the same speed (docs/performance.md). Single-threaded it cost ~10 % more time for memory the run
 * does not need, so it is left to V8 there.
 */
export const HEAP_GROWING_FLAG = '--heap-growing-percent=30';

/**
 * The flag to set for a run with `workers` threads: {@link HEAP_GROWING_FLAG} from two workers on, unless
 * the user chose a growth of their own (in `execArgv` or `NODE_OPTIONS`).
 *
 * @example
 * heapGrowingFlag(2, [], {}) //=> '--heap-growing-percent=30'
 * heapGrowingFlag(1, [], {}) //=> undefined
 */
export function heapGrowingFlag(workers: number, execArgv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (workers < 2) return undefined;
  const set = (s: string): boolean => /--heap[-_]growing[-_]percent\b/.test(s);
  return execArgv.some(set) || set(env['NODE_OPTIONS'] ?? '') ? undefined : HEAP_GROWING_FLAG;
}

/**
 * Semi-space size for worker threads' heaps. V8 sizes each new isolate's young generation from the flag as
 * it stands when the isolate starts, so setting it after the main thread started changes the workers only.
 * At 1M × 1M with two workers, 32 MiB instead of the main thread's 64 MiB took peak RSS from 1.45–1.52 to
 * 1.33–1.37 GB at the same speed; 16 MiB cost ~15 % more CPU (docs/performance.md).
 */
export const WORKER_SEMI_SPACE_FLAG = '--max-semi-space-size=32';

/**
 * The semi-space flag to set before starting `workers` threads: {@link WORKER_SEMI_SPACE_FLAG} from two
 * workers on, in a process this CLI respawned with {@link SEMI_SPACE_FLAG} (a size the user chose, in
 * `NODE_OPTIONS` or on the command line, means no respawn and is left alone).
 *
 * @example
 * workerSemiSpaceFlag(2, { DOISOAT_RESPAWNED: '1' }) //=> '--max-semi-space-size=32'
 * workerSemiSpaceFlag(2, {}) //=> undefined
 */
export function workerSemiSpaceFlag(workers: number, env: NodeJS.ProcessEnv): string | undefined {
  return workers >= 2 && env[CHILD_MARK] === '1' ? WORKER_SEMI_SPACE_FLAG : undefined;
}

/**
 * Applies {@link heapGrowingFlag} and {@link workerSemiSpaceFlag} to this process before worker threads
 * are created. V8 reads both whenever it sizes a new heap, so they need no respawn.
 */
export function tuneHeapForWorkers(workers: number): void {
  for (const flag of [heapGrowingFlag(workers, process.execArgv, process.env), workerSemiSpaceFlag(workers, process.env)]) {
    if (flag !== undefined) setFlagsFromString(flag);
  }
}

/** Termination requests the parent passes on, and re-raises on itself when the child dies of one. */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Marks the child, so it can leave when its parent disappears (see {@link watchParent}). */
const CHILD_MARK = 'DOISOAT_RESPAWNED';

/**
 * Re-runs the CLI script in a child Node process with the tuned heap, sharing stdio (progress bars and colours
 * still see the terminal), forwarding termination signals, and resolving to the child's exit code. A child
 * killed by a signal is reported the shell way (128 + signal number); for Ctrl-C and other termination
 * requests the parent then dies of the same signal, so a calling script stops too.
 */
export function respawn(script: string, argv: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    // The parent's debugger flags would make the child wait for, or fight over, the same debugger port.
    const execArgv = process.execArgv.filter((a) => !/^--(inspect|debug)/.test(a));
    const child = spawn(process.execPath, [...execArgv, SEMI_SPACE_FLAG, script, ...argv], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [CHILD_MARK]: '1' },
    });
    const handlers = FORWARDED.map((s) => [s, (): void => void child.kill(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    const done = (code: number): void => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(code);
    };
    child.on('error', () => done(3));
    child.on('exit', (code, signal) => {
      if (code !== null || signal === null) return done(code ?? 3);
      for (const [s, h] of handlers) process.off(s, h);
      if ((FORWARDED as readonly string[]).includes(signal)) process.kill(process.pid, signal);
      done(128 + (osConstants.signals[signal] ?? 15));
    });
  });
}

/**
 * In a respawned child: exit when the parent goes away without passing a signal on (killed with SIGKILL,
 * say), instead of running on with nobody waiting for it. The IPC channel does not keep the child alive.
 */
export function watchParent(): void {
  if (process.env[CHILD_MARK] !== '1' || process.channel === undefined) return;
  process.channel.unref();
  process.on('disconnect', () => process.exit(129));
}
