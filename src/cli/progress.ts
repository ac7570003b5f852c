/** Progress on stderr: a live line on a terminal, a plain line every few seconds otherwise, nothing when quiet. */
export interface Progress {
  /** Reports rows done and, when known, the fraction of the input read (0–1). */
  update(rows: number, fraction?: number): void;
  done(rows: number): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Creates a progress reporter for a phase ("Reading reference", "Reconciling"). */
export function createProgress(label: string, options: { quiet: boolean; stream?: NodeJS.WriteStream; now?: () => number }): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const start = now();
  let last = 0;
  if (options.quiet) return { update: () => undefined, done: () => undefined };
  const tty = stream.isTTY === true;
  const interval = tty ? 100 : 5000;
  const line = (rows: number, fraction?: number): string => {
    const elapsed = (now() - start) / 1000;
    const rate = elapsed > 0 ? rows / elapsed : 0;
    const pct = fraction === undefined ? '' : ` ${(fraction * 100).toFixed(0).padStart(3)}%`;
    const eta = fraction !== undefined && fraction > 0 ? `  ETA ${duration((elapsed * (1 - fraction)) / fraction)}` : '';
    const bar = tty && fraction !== undefined ? ` [${'#'.repeat(Math.round(fraction * 20)).padEnd(20, '.')}]` : '';
    return `${label}${bar}${pct}  ${rows.toLocaleString('en-US')} rows  ${Math.round(rate).toLocaleString('en-US')} rows/s${eta}`;
  };
  return {
    update(rows, fraction) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      stream.write(tty ? `\r\x1b[2K${line(rows, fraction)}` : `${line(rows, fraction)}\n`);
    },
    done(rows) {
      const secs = ((now() - start) / 1000).toFixed(1);
      stream.write(`${tty ? '\r\x1b[2K' : ''}${label}: ${rows.toLocaleString('en-US')} rows in ${secs} s\n`);
    },
  };
}
