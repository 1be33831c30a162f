// Which attribute paths a part of a change is on (Terraform's attribute_path.Matcher): used for the paths
// that force replacement and for the attributes relevant to drift. A path step is an attribute name or
// map key (string) or a sequence index (number).

export type PathStepKey = string | number;

export interface Matcher {
  /** A path ends exactly here. */
  matches(): boolean;
  /** Some path goes through here. */
  matchesPartial(): boolean;
  childWithKey(key: string): Matcher;
  childWithIndex(index: number): Matcher;
}

export class PathMatcher implements Matcher {
  constructor(
    readonly paths: readonly (readonly PathStepKey[])[],
    readonly propagate = false,
  ) {}
  matches(): boolean {
    return this.paths.some((p) => p.length === 0);
  }
  matchesPartial(): boolean {
    return this.paths.length > 0;
  }
  childWithKey(key: string): Matcher {
    return this.child((step) => typeof step === "string" && step === key);
  }
  childWithIndex(index: number): Matcher {
    return this.child((step) =>
      typeof step === "number" ? Math.trunc(step) === index : step.trim() !== "" && Math.trunc(Number(step)) === index,
    );
  }
  private child(accept: (step: PathStepKey) => boolean): Matcher {
    const next: (readonly PathStepKey[])[] = [];
    for (const p of this.paths) {
      if (p.length === 0) {
        if (this.propagate) next.push(p);
        continue;
      }
      if (accept(p[0]!)) next.push(p.slice(1));
    }
    return new PathMatcher(next, this.propagate);
  }
}

class AlwaysMatcher implements Matcher {
  matches(): boolean {
    return true;
  }
  matchesPartial(): boolean {
    return true;
  }
  childWithKey(): Matcher {
    return this;
  }
  childWithIndex(): Matcher {
    return this;
  }
}

export const alwaysMatcher: Matcher = new AlwaysMatcher();
export const emptyMatcher: Matcher = new PathMatcher([]);
