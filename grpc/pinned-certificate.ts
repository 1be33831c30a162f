// Mutual TLS where each end trusts exactly one certificate, the other's (go-plugin's automatic mTLS): the
// peer must present that certificate itself, byte for byte, and prove its key in the handshake.
//
// Why not Node's `ca` option with that certificate: the first context a process makes with any `ca` (or
// none) parses Node's ~140 bundled root certificates to build a store it then does not use, ~26 ms of CPU
// on each side of a plugin connection, before the first call. With an empty `ca` list nothing is parsed and
// OpenSSL trusts nothing; the handshake still proves the peer holds the key of the certificate it shows,
// and comparing that certificate with the expected one is a stricter check than a chain to it (a
// certificate the expected one had signed would have verified). Nothing is read from or written to the
// connection before the comparison (http2-client.ts, http2-server.ts).

import { X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";

/** The TLS options that make OpenSSL trust nothing and leave the peer's certificate to `presents`. */
export const pinnedTlsOptions = { ca: [] as string[], rejectUnauthorized: false } as const;

/** The DER of the (first) certificate in `pem`. */
export function certificateDer(pem: string | Buffer): Buffer {
  return new X509Certificate(pem).raw;
}

/** Whether the peer showed exactly the certificate `der` in the handshake just completed. */
export function presents(socket: TLSSocket, der: Buffer): boolean {
  const shown = socket.getPeerCertificate();
  return shown !== null && shown.raw !== undefined && shown.raw.equals(der);
}
