// gRPC to etcd's members over node:http2: one HTTP/2 connection to one member at a time (TLS, with a client
// certificate when given), each call a stream of length-prefixed protobuf messages (etcd-proto.ts) with the
// status in the trailers (gRPC's "PROTOCOL-HTTP2" description), as the plugin client's channel
// (providers/plugin/unary-channel.ts) speaks to a plugin; the cluster core imports nothing above it, so it
// carries its own.
//
// Why not the etcd3 client over grpc-js: its per-call stack (policies, interceptors, resolver and balancer
// layers, protobufjs' generic codec) was over a third of an API server's CPU per create on etcd.
//
// Fail-over: calls go to the member last known to answer; one whose connection cannot be made (or breaks
// before the call is answered), that answers "unavailable", or that leaves the call unanswered for half its
// deadline is left for the next, within the call's deadline, as the etcd3 client retried; any other answer,
// an error status too, is final (docs/ha-control-plane.md, "The etcd client").

import { type ClientHttp2Session, type ClientHttp2Stream, connect as http2Connect, constants as h2 } from "node:http2";
import { isIP, connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { FrameParser, requestHeaders, statusIn } from "../../grpc/wire.js";

export interface EtcdTls {
  /** PEM of the CA that signed etcd's serving certificates. */
  ca: Buffer;
  /** Client certificate and key (PEM), when etcd requires client certificates. */
  cert?: Buffer;
  key?: Buffer;
}

export interface EtcdConnectionOptions {
  /** Client URLs of the etcd members (http://127.0.0.1:2379, https://...). */
  endpoints: readonly string[];
  tls?: EtcdTls;
  /** Deadline of one unary call in ms (default 5,000). */
  requestTimeoutMs?: number;
}

/** A gRPC call that failed: etcd's status (code and message), or 14 Unavailable for a transport failure. */
export class EtcdRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
/** The largest response accepted (etcd's own default limit on a request is 1.5 MiB; a range page is bounded). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

interface Member {
  url: string;
  host: string;
  port: number;
  secure: boolean;
  session?: ClientHttp2Session;
}

/** A bidirectional stream of messages (etcd's Watch, LeaseKeepAlive). */
export interface EtcdStream {
  write(frame: Buffer): void;
  /** Ends the stream from this side and drops it. */
  cancel(): void;
}

export interface StreamHandlers {
  message(body: Buffer): void;
  /** Called once when the stream ends for any reason but cancel(): why, as text. */
  ended(reason: string): void;
}

export class EtcdConnection {
  private readonly members: Member[];
  private current = 0;
  private readonly timeout: number;
  private active = 0;
  private closed = false;

  constructor(private readonly options: EtcdConnectionOptions) {
    if (options.endpoints.length === 0) throw new Error("etcd: no endpoints");
    this.members = options.endpoints.map(parseEndpoint);
    this.timeout = options.requestTimeoutMs ?? 5_000;
  }

  /** One unary call; `frame` is the framed request. Rejects with EtcdRpcError. */
  async unary(path: string, frame: Buffer): Promise<Buffer> {
    const deadline = Date.now() + this.timeout;
    let last: EtcdRpcError | undefined;
    let pause = 25;
    for (let tried = 1; ; tried++) {
      const index = this.current;
      const member = this.members[index]!;
      const left = deadline - Date.now();
      if (left <= 0) break;
      // One member gets half the call's time at most: a proposal a member forwarded to a leader that died
      // just then is lost and never answered (etcd answers it "timed out" after 7 s); sent again after the
      // election, it is applied.
      const budget = Math.min(left, Math.max(1_000, this.timeout / 2));
      const r = await this.once(member, path, frame, budget);
      if (r.ok) return r.body;
      last = r.error;
      const unanswered = r.error.code === DEADLINE_EXCEEDED && budget < left;
      if (this.closed || (!r.transport && !unanswered && r.error.code !== UNAVAILABLE)) {
        // An answer (or the deadline): this member is slow or refused the call for a reason of the call's own.
        if (r.error.code === DEADLINE_EXCEEDED && this.current === index) this.current = (index + 1) % this.members.length;
        throw r.error;
      }
      // Unreachable, or "unavailable" (no leader yet, leader changed, a minority of a split cluster): the call
      // goes to the next member, as the etcd3 client retried it. A call the member answered this way may still
      // be applied (etcd's "leader changed"); sent again, a create meets AlreadyExists and an update on a
      // revision a Conflict, which the API's clients read back (docs/ha-control-plane.md, failover).
      if (this.current === index) this.current = (index + 1) % this.members.length;
      // After each round of the members (and after any answered "unavailable"), wait a little: an election
      // takes etcd about a second.
      if (!r.transport || tried % this.members.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(0, deadline - Date.now()))));
        pause = Math.min(pause * 2, 500);
      }
    }
    throw last ?? new EtcdRpcError(DEADLINE_EXCEEDED, "deadline exceeded");
  }

  /**
   * Opens a bidirectional stream on the current member; `handlers.ended` says when it goes. A stream does not
   * keep the process alive (a watch runs for as long as its owner, which closes it).
   */
  stream(path: string, handlers: StreamHandlers): EtcdStream {
    const index = this.current;
    const member = this.members[index]!;
    let stream: ClientHttp2Stream;
    let done = false;
    const end = (reason: string, transport: boolean) => {
      if (done) return;
      done = true;
      // A stream that could not start moves the next one to another member.
      if (transport && this.current === index) this.current = (index + 1) % this.members.length;
      handlers.ended(reason);
    };
    try {
      stream = this.session(member).request(headers(member, path));
    } catch (e) {
      queueMicrotask(() => end((e as Error).message, true));
      return { write: () => undefined, cancel: () => (done = true) };
    }
    let status: number | undefined;
    let message = "";
    const statusFrom = (h: Record<string, unknown>) => {
      const s = statusIn(h);
      if (s === undefined) return;
      status = s.code;
      message = s.message;
    };
    const parser = new FrameParser("etcd", MAX_MESSAGE_BYTES, (body) => {
      if (!done) handlers.message(body);
    });
    stream.on("response", statusFrom);
    stream.on("trailers", statusFrom);
    stream.on("data", (chunk: Buffer) => {
      const problem = parser.push(chunk);
      if (problem) {
        stream.close(h2.NGHTTP2_CANCEL);
        end(problem, false);
      }
    });
    stream.on("error", (e: Error) => end(e.message, true));
    // Unreachable, or "unavailable" (this member has no leader): the next stream goes to another member.
    stream.on("close", () => end(status !== undefined && status !== 0 ? message || `gRPC status ${status}` : "the stream ended", status === undefined || status === UNAVAILABLE));
    return {
      write: (frame) => {
        if (!done && !stream.closed) stream.write(frame);
      },
      cancel: () => {
        if (done) return;
        done = true;
        stream.close(h2.NGHTTP2_CANCEL);
      },
    };
  }

  close(): void {
    this.closed = true;
    for (const m of this.members) {
      m.session?.destroy();
      m.session = undefined;
    }
  }

  private once(member: Member, path: string, frame: Buffer, timeoutMs: number): Promise<{ ok: true; body: Buffer } | { ok: false; error: EtcdRpcError; transport: boolean }> {
    if (this.closed) return Promise.resolve({ ok: false, error: new EtcdRpcError(UNAVAILABLE, "the etcd client was closed"), transport: false });
    let stream: ClientHttp2Stream;
    try {
      stream = this.session(member).request({ ...headers(member, path), "grpc-timeout": `${Math.max(1, Math.ceil(timeoutMs))}m` });
    } catch (e) {
      return Promise.resolve({ ok: false, error: new EtcdRpcError(UNAVAILABLE, `${member.url}: ${(e as Error).message}`), transport: true });
    }
    this.begin();
    stream.end(frame);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (r: { ok: true; body: Buffer } | { ok: false; error: EtcdRpcError; transport: boolean }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.end();
        resolve(r);
      };
      const timer = setTimeout(() => {
        stream.close(h2.NGHTTP2_CANCEL);
        settle({ ok: false, error: new EtcdRpcError(DEADLINE_EXCEEDED, `${member.url}: deadline exceeded`), transport: false });
      }, timeoutMs);
      let status: number | undefined;
      let message = "";
      let answered = false;
      let body: Buffer | undefined;
      const parser = new FrameParser("etcd", MAX_MESSAGE_BYTES, (b) => {
        if (body === undefined) body = b;
      });
      const statusFrom = (h: Record<string, unknown>) => {
        const s = statusIn(h);
        if (s === undefined) return;
        status = s.code;
        message = s.message;
      };
      stream.on("response", (h) => {
        answered = true;
        statusFrom(h);
      });
      stream.on("trailers", statusFrom);
      stream.on("data", (chunk: Buffer) => {
        const problem = parser.push(chunk);
        if (problem) {
          stream.close(h2.NGHTTP2_CANCEL);
          settle({ ok: false, error: new EtcdRpcError(13, problem), transport: false });
        }
      });
      stream.on("error", (e: Error) => settle({ ok: false, error: new EtcdRpcError(UNAVAILABLE, `${member.url}: ${e.message}`), transport: !answered }));
      stream.on("close", () => {
        if (status === undefined) {
          return settle({ ok: false, error: new EtcdRpcError(UNAVAILABLE, `${member.url}: the connection closed before the call completed`), transport: !answered });
        }
        if (status !== 0) return settle({ ok: false, error: new EtcdRpcError(status, message || `gRPC status ${status}`), transport: false });
        if (body === undefined) return settle({ ok: false, error: new EtcdRpcError(13, "the response carried no message"), transport: false });
        settle({ ok: true, body });
      });
    });
  }

  private session(m: Member): ClientHttp2Session {
    if (m.session && !m.session.closed && !m.session.destroyed) return m.session;
    const tls = this.options.tls;
    const createConnection = (): Socket => {
      const socket = m.secure
        ? tlsConnect({
            host: m.host,
            port: m.port,
            ALPNProtocols: ["h2"],
            ...(isIP(m.host) ? {} : { servername: m.host }),
            ...(tls ? { ca: tls.ca, ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}) } : {}),
          })
        : netConnect({ host: m.host, port: m.port });
      // Small requests and replies: each goes out at once, not after the peer's delayed ACK.
      return socket.setNoDelay(true);
    };
    const session = http2Connect(`${m.secure ? "https" : "http"}://${m.host}:${m.port}`, { createConnection, maxSessionMemory: 64 });
    // A session error fails the calls and streams on it; the next call connects again.
    session.on("error", () => undefined);
    session.on("close", () => {
      if (m.session === session) m.session = undefined;
    });
    if (this.active === 0) session.unref();
    m.session = session;
    return session;
  }

  /** While a call or stream is open the connection keeps the process alive; otherwise it does not. */
  private begin(): void {
    if (this.active++ === 0) for (const m of this.members) m.session?.ref();
  }
  private end(): void {
    if (--this.active === 0) for (const m of this.members) m.session?.unref();
  }
}

function headers(m: Member, path: string): Record<string, string> {
  return {
    ...requestHeaders(path, `${m.host}:${m.port}`),
    // etcd's "require leader": a member that has no leader answers "no leader" at once instead of holding the
    // call until its own timeout (clientv3's WithRequireLeader), so the call moves on to another member.
    hasleader: "true",
  };
}

function parseEndpoint(url: string): Member {
  const withScheme = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  const u = new URL(withScheme);
  const secure = u.protocol === "https:";
  if (!secure && u.protocol !== "http:") throw new Error(`etcd endpoint ${url}: the scheme must be http or https`);
  return { url, host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port || (secure ? 443 : 2379)), secure };
}
