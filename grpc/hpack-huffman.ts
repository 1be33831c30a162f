// HPACK's Huffman code (RFC 7541, section 5.2 and Appendix B): header strings a peer may send compressed. The
// code is canonical, so its 257 code lengths (symbol 256 is EOS) determine every code; they are kept here as
// one character each ("0" + length). Cairn decodes it; it never encodes with it (its own headers are short).

const CODE_LENGTHS = "=GLLLLLLLHNLLNLLLLLLLLNLLLLLLLLL6::<=68;::8;8666555666666678?6<:=67777777777777777777777878=C=>6?56565666577666567655677777?;>=LDFDDFFFGFGGGGGHGHHFGHGGGGEFGFGGHFEDFFGGEGFFHEFGGEEFEGFGGDFFFGFFGJJDCFGFIJJJKKJHICEJKKJKHEEJJLKKKDHDEFEEGFFIIHHJGJKJJKKKKKLKKKKKJN";

export const EOS = 256;

/** Each symbol's length and code (an unsigned integer of that many bits), in symbol order. */
export const huffmanCodes: readonly { readonly length: number; readonly code: number }[] = (() => {
  const lengths = Array.from(CODE_LENGTHS, (c) => c.charCodeAt(0) - 48);
  const order = lengths.map((_, s) => s).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const codes: { length: number; code: number }[] = [];
  let code = 0;
  let previous = lengths[order[0]!]!;
  for (const s of order) {
    code *= 2 ** (lengths[s]! - previous);
    previous = lengths[s]!;
    codes[s] = { length: previous, code };
    code++;
  }
  return codes;
})();

// The decoding tree, one bit at a time: node n's children are tree[2n] and tree[2n+1]; a child is another
// node's index (positive), a symbol (-1 - symbol), or 0 (no code there).
const tree: Int32Array = (() => {
  const t = new Int32Array(2 * 512);
  let nodes = 1;
  huffmanCodes.forEach(({ length, code }, symbol) => {
    let n = 0;
    for (let i = length - 1; i > 0; i--) {
      const slot = 2 * n + (Math.floor(code / 2 ** i) & 1);
      if (t[slot] === 0) t[slot] = nodes++;
      n = t[slot]!;
    }
    t[2 * n + (code & 1)] = -1 - symbol;
  });
  return t;
})();

/** The bytes a Huffman-coded string stands for, or undefined when it is not a valid one (EOS inside, or
 * padding longer than 7 bits or not all ones: a COMPRESSION_ERROR). */
export function huffmanDecode(input: Uint8Array): Buffer | undefined {
  const out = Buffer.allocUnsafe(Math.ceil((input.length * 8) / 5));
  let length = 0;
  let n = 0;
  // Bits read since the last whole symbol, and whether they were all ones (the only valid padding).
  let depth = 0;
  let allOnes = true;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    for (let bit = 7; bit >= 0; bit--) {
      const b = (byte >> bit) & 1;
      const next = tree[2 * n + b]!;
      depth++;
      allOnes &&= b === 1;
      if (next < 0) {
        const symbol = -1 - next;
        if (symbol === EOS) return undefined;
        out[length++] = symbol;
        n = 0;
        depth = 0;
        allOnes = true;
      } else {
        n = next;
      }
    }
  }
  if (depth > 7 || !allOnes) return undefined;
  return out.subarray(0, length);
}
