// Runs a stream pipeline into a consuming function, and reports the consumer's own error when it throws.
// (Node 20's stream/promises pipeline reports an AbortError in its place, losing the reason: an archive
// refused for its size would look like an interrupt.)

import type { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

export async function streamInto(
  source: Readable,
  transform: Transform | undefined,
  consume: (chunk: Uint8Array) => void,
  signal: AbortSignal,
): Promise<void> {
  let failure: { readonly error: unknown } | undefined;
  const sink = async (chunks: AsyncIterable<Uint8Array>): Promise<void> => {
    try {
      for await (const c of chunks) consume(c);
    } catch (error) {
      failure = { error };
      throw error;
    }
  };
  try {
    if (transform === undefined) await pipeline(source, sink, { signal });
    else await pipeline(source, transform, sink, { signal });
  } catch (err) {
    throw failure !== undefined ? failure.error : err;
  }
}
