// The go-plugin handshake and the protocol versions: constants, the handshake line, and the names protocol 5
// gives protocol 6's calls. No protobuf here, so a client can start a plugin before it loads the message
// definitions (services.ts).

/** go-plugin's handshake for Terraform providers: the cookie tells a provider it was started by a client. */
export const magicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
export const magicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
/** go-plugin's own protocol version, the first field of the handshake line. */
export const coreProtocolVersion = 1;

/** The provider protocol versions Cairn speaks, newest first (go-plugin's PLUGIN_PROTOCOL_VERSIONS). */
export const providerProtocolVersions: readonly ProtocolVersion[] = [6, 5];
export type ProtocolVersion = 5 | 6;

/**
 * Protocol 5's names for the calls protocol 6 renamed (same messages field for field, bar schemas and
 * PrepareProviderConfig's prepared configuration); every other call has the same name in both.
 */
const protocol5Names: Readonly<Record<string, string>> = {
  GetProviderSchema: "GetSchema",
  ValidateProviderConfig: "PrepareProviderConfig",
  ValidateResourceConfig: "ValidateResourceTypeConfig",
  ValidateDataResourceConfig: "ValidateDataSourceConfig",
  ConfigureProvider: "Configure",
  StopProvider: "Stop",
};

/** The name of protocol 6's call `method` in protocol `version`. */
export function methodName(method: string, version: ProtocolVersion): string {
  return version === 5 ? (protocol5Names[method] ?? method) : method;
}

/** The handshake line a plugin prints on stdout: `1|6|tcp|127.0.0.1:PORT|grpc|<base64 DER, unpadded>`. */
export interface Handshake {
  readonly coreVersion: number;
  readonly protocolVersion: number;
  readonly network: string;
  readonly address: string;
  readonly protocol: string;
  /** The server's certificate, DER; undefined when the plugin serves without TLS. */
  readonly serverCert?: Buffer;
}

export function formatHandshake(h: Handshake): string {
  const cert = h.serverCert === undefined ? "" : h.serverCert.toString("base64").replace(/=+$/, "");
  return `${h.coreVersion}|${h.protocolVersion}|${h.network}|${h.address}|${h.protocol}|${cert}`;
}

export function parseHandshake(line: string): Handshake | string {
  const parts = line.trim().split("|");
  if (parts.length < 5) return `the plugin's first line is not a go-plugin handshake: ${JSON.stringify(line.slice(0, 200))}`;
  const [core, proto, network, address, protocol, cert] = parts as [string, string, string, string, string, string | undefined];
  if (core !== String(coreProtocolVersion)) return `the plugin speaks go-plugin core protocol ${core}; Cairn speaks ${coreProtocolVersion}`;
  if (!/^\d+$/.test(proto)) return `the plugin's protocol version "${proto}" is not a number`;
  if (protocol !== "grpc") return `the plugin speaks "${protocol}"; Cairn speaks only grpc`;
  if (network !== "tcp" && network !== "unix") return `the plugin listens on an unsupported network "${network}"`;
  return {
    coreVersion: 1,
    protocolVersion: Number(proto),
    network,
    address,
    protocol,
    ...(cert !== undefined && cert !== "" ? { serverCert: Buffer.from(cert, "base64") } : {}),
  };
}
