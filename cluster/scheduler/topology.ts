// Counts of matching pods per topology domain, kept up to date as pods come and go, so that spread and
// anti-affinity checks cost O(1) per node instead of a scan over every pod.
import type { Selector } from "../objects/labels.js";
import { matches } from "../objects/labels.js";
import type { PodInfo } from "./pod-info.js";

export class TopologyCounter {
  readonly byDomain = new Map<string, number>();
  /** How many domains hold each count; with `min` it gives the minimum over all domains in O(1). */
  private readonly hist = new Map<number, number>();
  private minCount = 0;

  constructor(
    readonly namespaces: readonly string[],
    readonly selector: Selector,
    readonly topologyKey: string,
  ) {}

  matchesPod(p: PodInfo): boolean {
    return this.namespaces.includes(p.namespace) && matches(this.selector, p.labels);
  }

  addDomain(domain: string): void {
    if (this.byDomain.has(domain)) return;
    this.byDomain.set(domain, 0);
    this.bump(0, 1);
    this.minCount = 0;
  }

  count(domain: string): number {
    return this.byDomain.get(domain) ?? 0;
  }

  /** Minimum matching-pod count over every known domain (0 when there are none). */
  min(): number {
    return this.byDomain.size === 0 ? 0 : this.minCount;
  }

  change(domain: string, delta: 1 | -1): void {
    const c = this.byDomain.get(domain);
    if (c === undefined) return;
    const next = c + delta;
    this.byDomain.set(domain, next);
    this.bump(c, -1);
    this.bump(next, 1);
    if (delta === 1 && c === this.minCount && (this.hist.get(c) ?? 0) === 0) this.minCount = next;
    if (delta === -1 && next < this.minCount) this.minCount = next;
  }

  private bump(count: number, delta: number): void {
    const v = (this.hist.get(count) ?? 0) + delta;
    if (v === 0) this.hist.delete(count);
    else this.hist.set(count, v);
  }
}
