// The state lock around a state-writing command, as Terraform's clistate.Locker: -lock (default true) and
// -lock-timeout (Go duration, default 0s: fail at once), "Acquiring state lock. This may take a few
// moments..." only when taking the lock is slow, and the lock released however the command ends.

import type { Diagnostic } from "../lang/diagnostics.js";
import type { WorkspaceStateStore } from "./backend/backend.js";
import { VERSION } from "./version.js";
import type { OperationView } from "./view.js";

export interface LockOptions {
  readonly lock: boolean;
  readonly timeoutMs: number;
}

/** Terraform shows its "this may take a while" messages only after this long (clistate.LockThreshold). */
const SLOW_MESSAGE_MS = 400;

export interface HeldLock {
  /** Releases the lock (nothing when -lock=false); returns "Error releasing the state lock" diagnostics. */
  release(): Promise<Diagnostic[]>;
}

export async function acquireStateLock(
  store: WorkspaceStateStore,
  opts: LockOptions,
  operation: string,
  ui: OperationView,
): Promise<{ ok: true; lock: HeldLock } | { ok: false; diags: Diagnostic[] }> {
  if (!opts.lock) return { ok: true, lock: { release: async () => [] } };
  const result = await slowly(() => store.lock({ operation, version: VERSION, timeoutMs: opts.timeoutMs }), () =>
    ui.output("Acquiring state lock. This may take a few moments..."),
  );
  if (!result.ok) return { ok: false, diags: result.diags };
  return {
    ok: true,
    lock: {
      release: async () => {
        const diags = await slowly(() => store.unlock(result.id), () => ui.output("Releasing state lock. This may take a few moments..."));
        return diags.map((d) => ({
          severity: "error" as const,
          summary: "Error releasing the state lock",
          detail: `Error message: ${d.detail ?? d.summary}\n\nCairn acquires a lock when accessing your state to prevent others\nrunning Cairn to potentially modify the state at the same time. An\nerror occurred while releasing this lock. This could mean that the lock\ndid or did not release properly. If the lock didn't release properly,\nCairn may not be able to run future commands since it'll appear as if\nthe lock is held.\n\nIn this scenario, please call the "force-unlock" command to unlock the\nstate manually. This is a very dangerous operation since if it is done\nerroneously it could result in two people modifying state at the same time.\nOnly call this command if you're certain that the unlock above failed and\nthat no one else is holding a lock.`,
        }));
      },
    },
  };
}

/** Runs op; if it has not finished after SLOW_MESSAGE_MS, calls onSlow once (Terraform's slowmessage.Do). */
async function slowly<T>(op: () => Promise<T>, onSlow: () => void): Promise<T> {
  const timer = setTimeout(onSlow, SLOW_MESSAGE_MS);
  try {
    return await op();
  } finally {
    clearTimeout(timer);
  }
}
