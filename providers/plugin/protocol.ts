// The protocol's service definitions, loaded from this folder's .proto files by @grpc/proto-loader, and the
// go-plugin handshake constants. The .proto files sit beside the sources (dist/ holds only JavaScript), so
// they are found from the compiled module's location: dist/providers/plugin/ -> providers/plugin/.

import type { ServiceDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { fileURLToPath } from "node:url";

/** go-plugin's handshake for Terraform providers: the cookie tells a provider it was started by a client. */
export const magicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
export const magicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
/** go-plugin's own protocol version, the first field of the handshake line. */
export const coreProtocolVersion = 1;

const protoDir = fileURLToPath(new URL("../../../providers/plugin/", import.meta.url));

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

export type PluginService = "provider6" | "provider5" | "health" | "controller" | "clientTokens";

const serviceFiles: Readonly<Record<PluginService, readonly [file: string, service: string]>> = {
  provider6: ["tfplugin6.proto", "tfplugin6.Provider"],
  provider5: ["tfplugin5.proto", "tfplugin5.Provider"],
  health: ["go-plugin.proto", "grpc.health.v1.Health"],
  controller: ["go-plugin-controller.proto", "plugin.GRPCController"],
  clientTokens: ["cairn-extensions.proto", "cairn.plugin.ClientTokens"],
};

const loaded = new Map<PluginService, ServiceDefinition>();

/**
 * One service's definition, its .proto file parsed on first use: parsing costs ~50 ms a file, and a process
 * speaks one of the two provider protocols, so the other one's file is never read.
 */
export function pluginService(name: PluginService): ServiceDefinition {
  let def = loaded.get(name);
  if (def === undefined) {
    const [file, service] = serviceFiles[name];
    const options = { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true, includeDirs: [protoDir] };
    def = loadSync(file, options)[service] as ServiceDefinition;
    loaded.set(name, def);
  }
  return def;
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
