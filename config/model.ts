// The configuration model of one module (OpenTofu's configs.Module): what each block declares, with the
// expressions kept unevaluated (values come later, in the plan walk) and a source range on everything.
// Bodies whose meaning belongs to a provider (resource, data, provider, backend) are kept as SyntaxBody so
// that they can be decoded later against the provider's schema (see validate-resource-body.ts).

import type { MoveEndpoint, Provider, RemoveEndpoint } from "../addrs/index.js";
import type { Resource as ResourceAddr, ResourceMode } from "../addrs/index.js";
import type { ContentBlock, SyntaxBody } from "../lang/body.js";
import type { Range } from "../lang/pos.js";
import type { Expression, Traversal } from "../lang/syntax/ast.js";
import type { Type } from "../lang/values/types.js";
import type { Value } from "../lang/values/value.js";

export interface CheckRule {
  readonly condition: Expression;
  readonly errorMessage: Expression;
  readonly declRange: Range;
}

export interface RequiredProvider {
  readonly name: string;
  /** The source as written, when given. */
  readonly source?: string;
  readonly provider: Provider;
  readonly versionConstraint?: Expression;
  /** Extra configuration aliases this module expects from its caller. */
  readonly configurationAliases: readonly { readonly localName: string; readonly alias: string }[];
  readonly declRange: Range;
}

export interface Backend {
  readonly type: string;
  readonly config: SyntaxBody;
  readonly typeRange: Range;
  readonly declRange: Range;
}

export interface ProviderConfig {
  readonly name: string;
  readonly nameRange: Range;
  readonly alias: string;
  readonly aliasRange?: Range;
  readonly version?: Expression;
  /** Everything but `alias` and `version`: decoded with the provider's own schema. */
  readonly config: SyntaxBody;
  readonly declRange: Range;
}

export interface Variable {
  readonly name: string;
  readonly description: string;
  readonly descriptionSet: boolean;
  /** The type constraint (with optional attributes and defaults), `any` when not given. */
  readonly constraintType: Type;
  readonly typeSet: boolean;
  /** The default converted to the type constraint, undefined when there is none (the variable is required). */
  readonly default?: Value;
  readonly defaultExpr?: Expression;
  readonly sensitive: boolean;
  readonly nullable: boolean;
  readonly validations: readonly CheckRule[];
  readonly declRange: Range;
}

export interface Local {
  readonly name: string;
  readonly expr: Expression;
  readonly declRange: Range;
}

export interface Output {
  readonly name: string;
  readonly expr?: Expression;
  readonly description: string;
  readonly sensitive: boolean;
  readonly dependsOn: readonly Traversal[];
  readonly preconditions: readonly CheckRule[];
  readonly declRange: Range;
}

/** `provider = aws.west` in a resource, or a side of a module's `providers` map. */
export interface ProviderConfigRef {
  readonly name: string;
  readonly nameRange: Range;
  readonly alias: string;
  readonly aliasRange?: Range;
}

export interface ManagedResource {
  readonly createBeforeDestroy: boolean;
  readonly createBeforeDestroySet: boolean;
  readonly preventDestroy: boolean;
  readonly preventDestroySet: boolean;
  readonly ignoreChanges: readonly Traversal[];
  readonly ignoreAllChanges: boolean;
  readonly replaceTriggeredBy: readonly Expression[];
}

export interface Resource {
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  readonly addr: ResourceAddr;
  /** The provider-specific part of the body, including `dynamic` blocks (expanded at evaluation time). */
  readonly config: SyntaxBody;
  readonly count?: Expression;
  readonly forEach?: Expression;
  readonly providerConfigRef?: ProviderConfigRef;
  /** The provider this resource belongs to, from its `provider` argument or its type's prefix. */
  readonly provider: Provider;
  readonly dependsOn: readonly Traversal[];
  readonly preconditions: readonly CheckRule[];
  readonly postconditions: readonly CheckRule[];
  /** Present for `resource` blocks only. */
  readonly managed?: ManagedResource;
  readonly declRange: Range;
  readonly typeRange: Range;
}

export interface PassedProviderConfig {
  readonly inChild: ProviderConfigRef;
  readonly inParent: ProviderConfigRef;
}

export interface ModuleCall {
  readonly name: string;
  readonly sourceAddr: string;
  readonly sourceAddrRange: Range;
  readonly version?: Expression;
  readonly count?: Expression;
  readonly forEach?: Expression;
  readonly dependsOn: readonly Traversal[];
  readonly providers: readonly PassedProviderConfig[];
  /** Everything else: the child module's input variables. */
  readonly config: SyntaxBody;
  readonly declRange: Range;
}

export interface Moved {
  readonly from: MoveEndpoint;
  readonly to: MoveEndpoint;
  readonly declRange: Range;
}

export interface Import {
  /** The target resource instance, an expression because with for_each its key may use each.key. */
  readonly to: Expression;
  readonly toTraversal?: Traversal;
  readonly id: Expression;
  readonly forEach?: Expression;
  readonly providerConfigRef?: ProviderConfigRef;
  readonly declRange: Range;
}

export interface Removed {
  readonly from: RemoveEndpoint;
  /** `lifecycle { destroy = false }` forgets the object instead of destroying it. */
  readonly destroy: boolean;
  readonly declRange: Range;
}

export interface Check {
  readonly name: string;
  readonly dataResource?: Resource;
  readonly asserts: readonly CheckRule[];
  readonly declRange: Range;
}

export interface VersionConstraint {
  readonly expr: Expression;
  readonly declRange: Range;
}

export interface ConfigModule {
  readonly sourceDir: string;
  readonly primaryFiles: readonly string[];
  readonly overrideFiles: readonly string[];
  readonly requiredVersions: readonly VersionConstraint[];
  readonly requiredProviders: ReadonlyMap<string, RequiredProvider>;
  readonly backend?: Backend;
  /**
   * The `terraform { encryption { ... } }` block (state encryption at rest), undecoded: config must
   * not import state/, so the commands decode it with state/encryption's decodeEncryptionBlock.
   */
  readonly encryption?: ContentBlock;
  /** Keyed by `name` or `name.alias`. */
  readonly providerConfigs: ReadonlyMap<string, ProviderConfig>;
  readonly variables: ReadonlyMap<string, Variable>;
  readonly locals: ReadonlyMap<string, Local>;
  readonly outputs: ReadonlyMap<string, Output>;
  readonly moduleCalls: ReadonlyMap<string, ModuleCall>;
  /** Keyed by the resource address key (addrs.Resource.key()). */
  readonly managedResources: ReadonlyMap<string, Resource>;
  readonly dataResources: ReadonlyMap<string, Resource>;
  readonly moved: readonly Moved[];
  readonly imports: readonly Import[];
  readonly removed: readonly Removed[];
  readonly checks: ReadonlyMap<string, Check>;
}
