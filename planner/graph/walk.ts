// The parallel walker (OpenTofu dag/walk.go semantics, iterative implementation):
// - a node starts only after every one of its dependencies finished successfully;
// - at most `parallelism` visits run at once;
// - a failed node (its result has an error diagnostic) marks all its transitive dependents "upstream-failed":
//   they are not visited and its error is not reported again for them;
// - on abort (the first Ctrl-C) nothing new starts, in-flight visits finish, and every node not started is
//   "cancelled". Handling a second Ctrl-C (stop waiting) belongs to the caller.
// Bookkeeping is a countdown of unfinished dependencies per node over a CSR snapshot: O(V+E), no recursion,
// so a 5,000-deep chain or 100,000 nodes are fine. The snapshot is taken at the start: do not change the
// graph while it is being walked.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "./graph.js";
import { indexGraph } from "./indexed.js";
import { topologicalIndices } from "./topo.js";
import { validateGraph } from "./transform.js";

export interface WalkResult {
  /** Errors make the node failed; warnings are kept on a successful node. */
  readonly diags?: readonly Diagnostic[];
}

export type NodeOutcome =
  | { readonly status: "ok"; readonly diags: readonly Diagnostic[] }
  | { readonly status: "failed"; readonly diags: readonly Diagnostic[] }
  /** `cause` is the id of the failed node that blocked this one (one of them, if several did). */
  | { readonly status: "upstream-failed"; readonly cause: string }
  | { readonly status: "cancelled" };

export type NodeStatus = NodeOutcome["status"];

export interface WalkOptions {
  /** Maximum visits in flight; Terraform's -parallelism, default 10. */
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
}

export interface WalkSummary {
  /** One outcome per node id (empty when the graph could not be walked, see diags). */
  readonly outcomes: Map<string, NodeOutcome>;
  /** Every diagnostic of every visited node, in completion order, plus "Cycle" errors if the graph had any. */
  readonly diags: Diagnostic[];
  /** True when every node finished ok (nothing failed, nothing was cancelled). */
  readonly ok: boolean;
}

export type Visitor<N> = (node: N, id: string) => Promise<WalkResult> | WalkResult;

export function walk<N>(g: Graph<N>, visit: Visitor<N>, options: WalkOptions = {}): Promise<WalkSummary> {
  const parallelism = options.parallelism ?? 10;
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new Error(`walk: parallelism must be a positive integer, got ${parallelism}`);
  const ix = indexGraph(g);
  const n = ix.ids.length;
  if (topologicalIndices(ix).length !== n) {
    // A cyclic graph would leave nodes waiting forever; builders validate first, this is the safety net.
    return Promise.resolve({ outcomes: new Map(), diags: validateGraph(g), ok: false });
  }
  const { offsets: depOff } = ix.dependencies;
  const { offsets: dntOff, targets: dnt } = ix.dependents;
  const signal = options.signal;

  const waiting = new Int32Array(n);
  const ready = new Int32Array(n);
  let readyHead = 0;
  let readyTail = 0;
  for (let i = 0; i < n; i++) {
    waiting[i] = depOff[i + 1] - depOff[i];
    if (waiting[i] === 0) ready[readyTail++] = i;
  }
  const outcomes: (NodeOutcome | undefined)[] = new Array(n);
  const diags: Diagnostic[] = [];
  // A failure several nodes share (the same diagnostic object, e.g. a state journal that broke) is one failure.
  const reported = new Set<Diagnostic>();
  const blockQueue = new Int32Array(n);
  let running = 0;
  let failedOrCancelled = false;

  return new Promise<WalkSummary>((resolve) => {
    const finishWalk = (): void => {
      const map = new Map<string, NodeOutcome>();
      for (let i = 0; i < n; i++) {
        let o = outcomes[i];
        if (o === undefined) {
          o = { status: "cancelled" };
          failedOrCancelled = true;
        }
        map.set(ix.ids[i], o);
      }
      resolve({ outcomes: map, diags, ok: !failedOrCancelled });
    };

    // Marks every not-yet-marked transitive dependent of `failed` as upstream-failed. None of them can have
    // started (each waits for `failed`), and each is marked once over the whole walk, so the total is O(V+E).
    const blockDependents = (failed: number): void => {
      const cause = ix.ids[failed];
      let tail = 0;
      blockQueue[tail++] = failed;
      for (let head = 0; head < tail; head++) {
        const v = blockQueue[head];
        for (let p = dntOff[v]; p < dntOff[v + 1]; p++) {
          const w = dnt[p];
          if (outcomes[w] !== undefined) continue;
          outcomes[w] = { status: "upstream-failed", cause };
          blockQueue[tail++] = w;
        }
      }
    };

    const complete = (i: number, result: WalkResult): void => {
      running--;
      const given = result.diags;
      if (given === undefined || given.length === 0) outcomes[i] = okWithoutDiags;
      else {
        const nodeDiags = [...given];
        for (const d of nodeDiags) {
          if (reported.has(d)) continue;
          reported.add(d);
          diags.push(d);
        }
        if (hasErrors(nodeDiags)) {
          outcomes[i] = { status: "failed", diags: nodeDiags };
          failedOrCancelled = true;
          blockDependents(i);
          pump();
          return;
        }
        outcomes[i] = { status: "ok", diags: nodeDiags };
      }
      for (let p = dntOff[i]; p < dntOff[i + 1]; p++) {
        const w = dnt[p];
        if (--waiting[w] === 0 && outcomes[w] === undefined) ready[readyTail++] = w;
      }
      pump();
    };

    const start = (i: number): void => {
      running++;
      const id = ix.ids[i];
      let pending: Promise<WalkResult>;
      try {
        pending = Promise.resolve(visit(g.node(id), id));
      } catch (err) {
        pending = Promise.reject(err);
      }
      pending.then(
        (result) => complete(i, result ?? {}),
        (err: unknown) => complete(i, { diags: [internalError(id, err)] }),
      );
    };

    // Starts as many ready nodes as the bound allows; called at the start and after every completion.
    // Completions arrive as separate promise callbacks, so this never nests.
    const pump = (): void => {
      // The signal is re-checked per start because a visit may abort synchronously.
      while (!signal?.aborted && running < parallelism && readyHead < readyTail) {
        const i = ready[readyHead++];
        // A node queued as ready may have been blocked since by a failure of another of its dependencies.
        if (outcomes[i] === undefined) start(i);
      }
      if (running === 0 && (signal?.aborted || readyHead === readyTail)) finishWalk();
    };

    pump();
  });
}

/**
 * The outcome of every node that finished with nothing to say (nearly all of a large plan's): one shared,
 * frozen object, not an object and an array per node kept until the walk's summary is dropped.
 */
const okWithoutDiags: NodeOutcome = Object.freeze({ status: "ok", diags: Object.freeze([]) });

// A visitor that throws has a bug; report it on the node instead of hanging or crashing the whole walk.
function internalError(id: string, err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return {
    severity: "error",
    summary: "Internal error",
    detail: `Cairn failed unexpectedly while processing ${id}: ${message}. This is a bug in Cairn; please report it.`,
    address: id,
  };
}
