/**
 * The exit-code contract (version 1, documented in docs/cli.md and docs/ci.md):
 * 0 — ran, every threshold passed; 1 — ran, a threshold failed; 2 — usage or input error (nothing judged).
 */
export const EXIT = { ok: 0, thresholdFailed: 1, usage: 2 } as const;

/** An error the user can fix: printed as one message (never with personal data) and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
