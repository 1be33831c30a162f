// The protocol's messages as protobufjs hands them to us (services.ts) and takes them from us (keepCase, int64 as
// JS numbers, enums as numbers, bytes as Buffers, defaults filled in). Only the fields Cairn reads or
// writes are typed; tfplugin6.proto is the contract.

export interface WireDynamicValue {
  readonly msgpack?: Uint8Array;
  readonly json?: Uint8Array;
}

export const enum WireSeverity {
  Invalid = 0,
  Error = 1,
  Warning = 2,
}

export interface WireAttributePathStep {
  readonly attribute_name?: string;
  readonly element_key_string?: string;
  readonly element_key_int?: number | string;
  /** Which of the three is set (the `oneofs` conversion option, services.ts). */
  readonly selector?: "attribute_name" | "element_key_string" | "element_key_int";
}
export interface WireAttributePath {
  readonly steps?: readonly WireAttributePathStep[];
}

export interface WireDiagnostic {
  readonly severity?: number;
  readonly summary?: string;
  readonly detail?: string;
  readonly attribute?: WireAttributePath | null;
}

export interface WireAttribute {
  readonly name: string;
  readonly type?: Uint8Array;
  readonly nested_type?: WireObject | null;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly description_kind?: number;
  readonly deprecated?: boolean;
}

/** Protocol 6's Schema.Object: the nested object type of an attribute. Nesting: single 1, list 2, set 3, map 4. */
export interface WireObject {
  readonly attributes?: WireAttribute[];
  readonly nesting?: number;
  readonly min_items?: number | string;
  readonly max_items?: number | string;
}

export const enum WireNesting {
  Invalid = 0,
  Single = 1,
  List = 2,
  Set = 3,
  Map = 4,
  Group = 5,
}

export interface WireNestedBlock {
  readonly type_name: string;
  readonly block?: WireBlock | null;
  readonly nesting?: number;
  readonly min_items?: number | string;
  readonly max_items?: number | string;
}

export interface WireBlock {
  readonly version?: number | string;
  readonly attributes?: readonly WireAttribute[];
  readonly block_types?: readonly WireNestedBlock[];
  readonly description?: string;
  readonly description_kind?: number;
  readonly deprecated?: boolean;
}

export interface WireSchema {
  readonly version?: number | string;
  readonly block?: WireBlock | null;
}

export interface WireDeferred {
  readonly reason?: number;
}
