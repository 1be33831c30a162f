// The "remote system" behind the test provider: objects in memory, keyed by id, each remembering the client
// token of the create that made it. It outlives provider instances, so a test can "crash" (drop a provider
// mid-apply), start a new provider on the same cloud and check that recovery adopts what was created.
// Tests also change it behind the planner's back (drift, deletion out of band).

import type { Value } from "../../../lang/values/value.js";

export interface CloudObject {
  readonly id: string;
  /** The object's state value (test_thing schema). */
  readonly state: Value;
  readonly clientToken: string;
}

export class TestThingCloud {
  private readonly objects = new Map<string, CloudObject>();
  private nextId = 1;

  newId(): string {
    return `thing-${this.nextId++}`;
  }

  put(obj: CloudObject): void {
    this.objects.set(obj.id, obj);
  }

  get(id: string): CloudObject | undefined {
    return this.objects.get(id);
  }

  delete(id: string): boolean {
    return this.objects.delete(id);
  }

  findByToken(token: string): CloudObject | undefined {
    for (const o of this.objects.values()) if (o.clientToken === token) return o;
    return undefined;
  }

  findByName(name: string): CloudObject | undefined {
    for (const o of this.objects.values()) {
      const n = o.state.asEntries().get("name");
      if (n !== undefined && n.isKnown() && !n.isNull() && n.asString() === name) return o;
    }
    return undefined;
  }

  /** Every object, in creation order. */
  list(): CloudObject[] {
    return [...this.objects.values()];
  }

  get size(): number {
    return this.objects.size;
  }
}
