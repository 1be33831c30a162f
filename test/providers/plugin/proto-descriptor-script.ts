// scripts/proto-descriptors.mjs as the tests use it: the one place the protocol's .proto files are parsed
// (protobufjs) and described for the codec.

import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type protobuf from "protobufjs";
import type { ProtoFile } from "../../../providers/plugin/proto-descriptor.js";

interface DescriptorScript {
  readonly protoFileNames: readonly string[];
  /** providers/plugin/proto-descriptors.ts. */
  readonly moduleFile: string;
  loadProtoFile(file: string): protobuf.Root;
  describeRoot(root: protobuf.Root): ProtoFile;
  /** What providers/plugin/proto-descriptors.ts holds when it is up to date. */
  renderProtoFiles(): string;
}

const root = fileURLToPath(new URL("../../../../", import.meta.url));
export const descriptorScript = (await import(pathToFileURL(join(root, "scripts", "proto-descriptors.mjs")).href)) as DescriptorScript;
