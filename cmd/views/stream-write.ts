// Writing large command output (a plan of 800 MB) to stdout with back-pressure. process.stdout on a pipe is
// asynchronous: every write() the reader has not taken yet stays queued in memory, and a burst of a
// gigabyte ends in `write ENOBUFS`. Pieces are gathered into writes of about a megabyte, and after each
// write the stream is given time to drain before the next piece is even rendered.

/** The part of a writable stream this needs (process.stdout, a socket, a test's collector). */
export interface DrainableStream {
  write(chunk: string): boolean;
  /** Set once the stream closed or failed (a reader that went away): nothing more is written. */
  readonly destroyed?: boolean;
  once?(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
}

const writeChars = 1 << 20;

/** Writes every piece, in order; resolves once the last write has been accepted (not necessarily flushed). */
export async function writePieces(stream: DrainableStream, pieces: Iterable<string>): Promise<void> {
  let pending = "";
  for (const piece of pieces) {
    if (stream.destroyed === true) return;
    pending += piece;
    if (pending.length >= writeChars) {
      await writeDrained(stream, pending);
      pending = "";
    }
  }
  if (pending !== "" && stream.destroyed !== true) await writeDrained(stream, pending);
}

/** One write; when the stream's buffer is full, waits for 'drain' (or for the stream to end or fail). */
export function writeDrained(stream: DrainableStream, chunk: string): Promise<void> {
  // Only an explicit false asks to wait: a collector that returns nothing never emits 'drain'.
  if (stream.write(chunk) !== false || stream.once === undefined || stream.destroyed === true) return Promise.resolve();
  const { once, off } = stream;
  return new Promise((resolve) => {
    // A closed or failed stream never drains; its error is the stream owner's to report.
    const events = ["drain", "close", "error"];
    const done = (): void => {
      if (off !== undefined) for (const e of events) off.call(stream, e, done);
      resolve();
    };
    for (const e of events) once.call(stream, e, done);
  });
}
