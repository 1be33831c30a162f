// "Did you mean ...?" suggestions, as Terraform and HCL make them: the closest candidate by edit distance,
// only when it is close enough to be a plausible typo.

export function nameSuggestion(given: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = levenshtein(given, c);
    if (d < bestDist || (d === bestDist && best !== undefined && c < best)) {
      best = c;
      bestDist = d;
    }
  }
  // HCL's threshold: a distance under 3 counts as a likely typo.
  return bestDist < 3 ? best : undefined;
}

/** Renders the suggestion as the sentence Terraform appends to a detail, or "" when there is none. */
export function didYouMean(given: string, candidates: Iterable<string>): string {
  const s = nameSuggestion(given, candidates);
  return s === undefined ? "" : ` Did you mean "${s}"?`;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
