// The protocol's service definitions, parsed from this folder's .proto files by protobufjs, in the shape
// grpc-js's server takes and the client's unary channel uses (path, serializers). The .proto files sit beside
// the sources (dist/ holds only JavaScript), so they are found from the compiled module's location:
// dist/providers/plugin/ -> providers/plugin/.
//
// Why protobufjs directly rather than @grpc/proto-loader (which wraps it, with the same conversions): the
// loader also builds descriptor protos of every file for gRPC reflection and sets up an encoder and decoder
// for every message type at load, and loads Google's descriptor definitions when imported; a plugin and its
// client each paid that on the critical path of starting (about 80 ms of CPU per process, docs/providers.md).
// Messages are converted by proto-codec.ts, from the types protobufjs parsed: the objects are the ones
// protobufjs's own conversions made (and the loader's options below named), in one pass each way.

import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";
import protobuf from "protobufjs";
import { fileURLToPath } from "node:url";
import { messageCodec } from "./proto-codec.js";

const protoDir = fileURLToPath(new URL("../../../providers/plugin/", import.meta.url));

export type PluginService = "provider6" | "provider5" | "health" | "controller" | "clientTokens";

const serviceFiles: Readonly<Record<PluginService, readonly [file: string, service: string]>> = {
  provider6: ["tfplugin6.proto", "tfplugin6.Provider"],
  provider5: ["tfplugin5.proto", "tfplugin5.Provider"],
  health: ["go-plugin.proto", "grpc.health.v1.Health"],
  controller: ["go-plugin-controller.proto", "plugin.GRPCController"],
  clientTokens: ["cairn-extensions.proto", "cairn.plugin.ClientTokens"],
};

const loaded = new Map<PluginService, ServiceDefinition>();

/** One service's definition, its .proto file parsed on first use (a process speaks one provider protocol). */
export function pluginService(name: PluginService): ServiceDefinition {
  let def = loaded.get(name);
  if (def === undefined) {
    const [file, serviceName] = serviceFiles[name];
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (target.startsWith("/") ? target : protoDir + target);
    root.loadSync(file, { keepCase: true });
    root.resolveAll();
    const service = root.lookupService(serviceName);
    def = Object.fromEntries(service.methodsArray.map((method) => [method.name, methodDefinition(`/${serviceName}/${method.name}`, method)])) as ServiceDefinition;
    loaded.set(name, def);
  }
  return def;
}

/**
 * How messages become objects, as proto-loader's options `{ keepCase, longs: Number, enums: Number, defaults,
 * oneofs }` did: field names as written in the .proto, 64-bit integers and enums as numbers, absent fields
 * as their defaults, and each oneof's chosen field named in a property of the oneof's name.
 */
function methodDefinition(path: string, method: protobuf.Method): MethodDefinition<object, object> {
  const request = messageCodec(method.resolvedRequestType!);
  const response = messageCodec(method.resolvedResponseType!);
  return {
    path,
    requestStream: method.requestStream === true,
    responseStream: method.responseStream === true,
    requestSerialize: request.encode,
    requestDeserialize: request.decode,
    responseSerialize: response.encode,
    responseDeserialize: response.decode,
    originalName: method.name,
  };
}
