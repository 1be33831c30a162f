// Where the apply walk records what it did: every completed operation at once, durably (the state journal
// with group commit implements this; tests may use an in-memory sink). Creates record an intent first.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { AbandonRecord, ChecksRecord, IntentRecord, OutputRecord, ResultRecord } from "../../state/journal-records.js";
import type { StateFile } from "../../state/model.js";
import { MutableState } from "../../state/mutable-state.js";

export interface StateSink {
  recordIntent(intent: Omit<IntentRecord, "kind">): void;
  recordResult(result: Omit<ResultRecord, "kind">): void;
  recordOutput(output: Omit<OutputRecord, "kind">): void;
  recordChecks(checks: Omit<ChecksRecord, "kind">): void;
  recordAbandon(abandon: Omit<AbandonRecord, "kind">): void;
  /** Resolves once everything recorded before the call is durable. */
  flush(): Promise<Diagnostic[]>;
  currentState(): StateFile;
  /** Resolves when few enough records wait to be written for another operation to start (back-pressure). */
  room?(): Promise<void>;
}

/** A sink that only keeps the state in memory (tests, and plan-time recovery which must not write). */
export class MemoryStateSink implements StateSink {
  private readonly state: MutableState;
  readonly intents: Omit<IntentRecord, "kind">[] = [];
  constructor(base: StateFile) {
    this.state = new MutableState(base);
  }
  recordIntent(intent: Omit<IntentRecord, "kind">): void {
    this.intents.push(intent);
  }
  recordResult(r: Omit<ResultRecord, "kind">): void {
    if (r.instance === null) this.state.removeInstance(r.ref);
    else this.state.setInstance(r.ref, { provider: r.provider, each: r.each }, r.instance);
  }
  recordOutput(o: Omit<OutputRecord, "kind">): void {
    this.state.setOutput(o.name, o.output);
  }
  recordChecks(c: Omit<ChecksRecord, "kind">): void {
    this.state.setCheckResults(c.results);
  }
  recordAbandon(): void {}
  async flush(): Promise<Diagnostic[]> {
    return [];
  }
  currentState(): StateFile {
    return this.state.toState();
  }
}

/**
 * A sink that also answers "what object is at this address now" in O(1), so the apply walk never copies the
 * whole state per operation (the journal's currentState() is a full sorted copy).
 */
export class TrackedSink implements StateSink {
  private readonly objects = new Map<string, InstanceState>();

  constructor(
    private readonly inner: StateSink,
    base: StateFile,
  ) {
    for (const r of base.resources) {
      for (const i of r.instances) {
        this.objects.set(trackKey({ module: r.module, mode: r.mode, type: r.type, name: r.name, index_key: i.index_key, deposed: i.deposed }), i);
      }
    }
  }

  instance(ref: InstanceRef): InstanceState | undefined {
    return this.objects.get(trackKey(ref));
  }

  recordIntent(intent: Omit<IntentRecord, "kind">): void {
    this.inner.recordIntent(intent);
  }
  recordResult(r: Omit<ResultRecord, "kind">): void {
    if (r.instance === null) this.objects.delete(trackKey(r.ref));
    else this.objects.set(trackKey(r.ref), r.instance);
    this.inner.recordResult(r);
  }
  recordOutput(o: Omit<OutputRecord, "kind">): void {
    this.inner.recordOutput(o);
  }
  recordChecks(c: Omit<ChecksRecord, "kind">): void {
    this.inner.recordChecks(c);
  }
  recordAbandon(a: Omit<AbandonRecord, "kind">): void {
    this.inner.recordAbandon(a);
  }
  flush(): Promise<Diagnostic[]> {
    return this.inner.flush();
  }
  currentState(): StateFile {
    return this.inner.currentState();
  }
  room(): Promise<void> {
    return this.inner.room?.() ?? Promise.resolve();
  }
}

function trackKey(ref: InstanceRef): string {
  return JSON.stringify([ref.module ?? "", ref.mode, ref.type, ref.name, ref.index_key ?? null, ref.deposed ?? ""]);
}

import type { InstanceRef } from "../../state/instance-ref.js";
import type { InstanceState } from "../../state/model.js";
