// Orderings shared by sets, maps and objects. Go compares strings byte-wise in UTF-8, which is code-point
// order; JavaScript's `<` compares UTF-16 code units, which differs for characters above U+FFFF versus
// U+E000..U+FFFF. Every ordering a user can observe goes through compareStrings.

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Surrogates (D800-DFFF) encode code points above FFFF, which sort after every BMP character.
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return ca < cb ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
