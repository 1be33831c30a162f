// The protocol's service definitions, in the shape grpc-js's server takes and the client's unary channel uses
// (path, serializers), from the description of this folder's .proto files made at build time
// (proto-descriptors.ts, by scripts/proto-descriptors.mjs). Messages are converted by proto-codec.ts.
//
// Why not parse the .proto files when a process starts (protobufjs, or @grpc/proto-loader, which wraps it):
// loading protobufjs and parsing tfplugin6.proto cost each process ~55 ms of CPU before its first call, on
// the critical path of a plugin's start and taken from the planner in Cairn (docs/providers.md, "The plugin
// transport"); the description holds all the codec reads of them.

import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";
import type { ProtoFile, ProtoMethod } from "./proto-descriptor.js";
import { protoFiles } from "./proto-descriptors.js";
import { messageCodec } from "./proto-codec.js";

export type PluginService = "provider6" | "provider5" | "health" | "controller" | "clientTokens";

const serviceFiles: Readonly<Record<PluginService, readonly [file: ProtoFile, service: string]>> = {
  provider6: [protoFiles["tfplugin6.proto"], "tfplugin6.Provider"],
  provider5: [protoFiles["tfplugin5.proto"], "tfplugin5.Provider"],
  health: [protoFiles["go-plugin.proto"], "grpc.health.v1.Health"],
  controller: [protoFiles["go-plugin-controller.proto"], "plugin.GRPCController"],
  clientTokens: [protoFiles["cairn-extensions.proto"], "cairn.plugin.ClientTokens"],
};

const made = new Map<PluginService, ServiceDefinition>();

/** One service's definition, made on first use (a process speaks one provider protocol). */
export function pluginService(name: PluginService): ServiceDefinition {
  let def = made.get(name);
  if (def === undefined) {
    const [file, serviceName] = serviceFiles[name];
    const methods = file.services[serviceName]!;
    def = Object.fromEntries(Object.entries(methods).map(([method, m]) => [method, methodDefinition(file, `/${serviceName}/${method}`, method, m)])) as ServiceDefinition;
    made.set(name, def);
  }
  return def;
}

/**
 * How messages become objects, as proto-loader's options `{ keepCase, longs: Number, enums: Number, defaults,
 * oneofs }` did: field names as written in the .proto, 64-bit integers and enums as numbers, absent fields
 * as their defaults, and each oneof's chosen field named in a property of the oneof's name.
 */
function methodDefinition(file: ProtoFile, path: string, name: string, method: ProtoMethod): MethodDefinition<object, object> {
  const request = messageCodec(file, method.request);
  const response = messageCodec(file, method.response);
  return {
    path,
    requestStream: method.requestStream === true,
    responseStream: method.responseStream === true,
    requestSerialize: request.encode,
    requestDeserialize: request.decode,
    responseSerialize: response.encode,
    responseDeserialize: response.decode,
    originalName: name,
  };
}
