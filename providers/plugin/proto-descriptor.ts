// What the plugin protocol's message codec (proto-codec.ts) and service definitions (services.ts) know of a
// .proto file: its messages' fields, its enums' values, its services' methods. Described from the .proto
// files at build time by scripts/proto-descriptors.mjs (with protobufjs, into proto-descriptors.ts), so
// that no process parses a .proto file when it runs.

export interface ProtoFile {
  /** Message types by full name with protobuf's leading dot (".tfplugin6.Schema.Block"), nested types too. */
  readonly messages: Readonly<Record<string, readonly ProtoField[]>>;
  /** Enum types by full name, as messages: their values by name, in declaration order. */
  readonly enums: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Services by the name gRPC paths use ("tfplugin6.Provider"): their methods by name. */
  readonly services: Readonly<Record<string, Readonly<Record<string, ProtoMethod>>>>;
}

/** One field, in declaration order; properties that would be false or absent are left out. */
export interface ProtoField {
  readonly name: string;
  readonly id: number;
  /** A scalar type's name ("string", "int64"), or a message or enum type's full name; a map's value type. */
  readonly type: string;
  /** A map's key type (the field is a map). */
  readonly keyType?: string;
  readonly repeated?: boolean;
  /** For repeated scalars and enums: whether they are written packed. */
  readonly packed?: boolean;
  /** A group (proto2), written between start and end tags. */
  readonly delimited?: boolean;
  /** The oneof the field is a member of. */
  readonly oneof?: string;
}

export interface ProtoMethod {
  /** The request's and response's message types (full names, as ProtoFile.messages keys them). */
  readonly request: string;
  readonly response: string;
  readonly requestStream?: boolean;
  readonly responseStream?: boolean;
}
