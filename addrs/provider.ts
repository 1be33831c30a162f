// Provider addresses. A Provider is the fully-qualified source (`registry.terraform.io/hashicorp/aws`);
// a LocalProviderConfig is how a module refers to one of its configurations (`aws` or `aws.west`); an
// AbsProviderConfig is a configuration placed in a static module path, printed as Terraform records it in
// state: `provider["registry.terraform.io/hashicorp/aws"].west`, `module.x.provider["..."]`.

import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Range } from "../lang/pos.js";
import type { Module } from "./module.js";

export const defaultRegistryHost = "registry.terraform.io";
export const builtInProviderHost = "terraform.io";
export const builtInProviderNamespace = "builtin";
/** Providers compiled into Cairn: `terraform` (as Terraform's) and Cairn's `cluster` (providers/cluster). */
export const builtInProviderTypes: ReadonlySet<string> = new Set(["terraform", "cluster"]);

const impliedProviders = new Map<string, Provider>();

export class Provider {
  private readonly str: string;
  // Made once: provider keys are looked up for every resource.
  private readonly k: string;
  constructor(
    readonly hostname: string,
    readonly namespace: string,
    readonly type: string,
  ) {
    this.str = `${hostname}/${namespace}/${type}`;
    this.k = `Provider:${this.str}`;
    Object.freeze(this);
  }
  /** The provider Terraform assumes for a local name with no required_providers entry. */
  static implied(type: string): Provider {
    // One (frozen) address per name: every resource of a configuration asks, mostly for the same few names.
    let p = impliedProviders.get(type);
    if (p === undefined) {
      p = builtInProviderTypes.has(type) ? new Provider(builtInProviderHost, builtInProviderNamespace, type) : new Provider(defaultRegistryHost, "hashicorp", type);
      if (impliedProviders.size < 1024) impliedProviders.set(type, p);
    }
    return p;
  }
  isBuiltIn(): boolean {
    return this.hostname === builtInProviderHost && this.namespace === builtInProviderNamespace;
  }
  /** The short form users write: the default registry host is omitted. */
  forDisplay(): string {
    return this.hostname === defaultRegistryHost ? `${this.namespace}/${this.type}` : this.str;
  }
  toString(): string {
    return this.str;
  }
  key(): string {
    return this.k;
  }
  equals(o: Provider): boolean {
    return this.str === o.str;
  }
}

const partPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const hostPattern = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]+)?$/;

/**
 * Parses a `source` string from required_providers: `name`, `namespace/name` or `hostname/namespace/name`,
 * case-insensitively (the result is lower case, as the registry's addresses are normalised).
 */
export function parseProviderSource(source: string, subject?: Range): { provider?: Provider; diags: Diagnostic[] } {
  const parts = source.split("/");
  if (parts.length < 1 || parts.length > 3 || parts.some((p) => p === "")) {
    return {
      diags: [
        errorDiag(
          "Invalid provider source string",
          'The "source" attribute must be in the format "[hostname/][namespace/]name"',
          subject,
        ),
      ],
    };
  }
  const type = parts[parts.length - 1]!.toLowerCase();
  const namespace = parts.length >= 2 ? parts[parts.length - 2]!.toLowerCase() : "hashicorp";
  const hostname = parts.length === 3 ? parts[0]!.toLowerCase() : defaultRegistryHost;
  const diags: Diagnostic[] = [];
  const why = "must contain only letters, digits, and dashes, and may not use leading or trailing dashes";
  if (!partPattern.test(type)) {
    diags.push(errorDiag("Invalid provider type", `Invalid provider type "${type}" in source "${source}": ${why}`, subject));
  }
  if (!partPattern.test(namespace)) {
    diags.push(
      errorDiag("Invalid provider namespace", `Invalid provider namespace "${namespace}" in source "${source}": ${why}`, subject),
    );
  }
  if (!hostPattern.test(hostname)) {
    diags.push(
      errorDiag("Invalid provider source hostname", `Invalid provider source hostname namespace "${hostname}" in source "${source}".`, subject),
    );
  }
  if (diags.length > 0) return { diags };
  if (parts.length === 1 && builtInProviderTypes.has(type)) return { provider: Provider.implied(type), diags };
  return { provider: new Provider(hostname, namespace, type), diags };
}

/** `aws` or `aws.west`, as written in a resource's `provider` argument or a module's `providers` map. */
export class LocalProviderConfig {
  constructor(
    readonly localName: string,
    readonly alias: string = "",
  ) {
    Object.freeze(this);
  }
  /** The compact form used in configuration: `aws.west`. */
  compact(): string {
    return this.alias === "" ? this.localName : `${this.localName}.${this.alias}`;
  }
  toString(): string {
    return `provider.${this.compact()}`;
  }
  key(): string {
    return `LocalProviderConfig:${this.compact()}`;
  }
  equals(o: LocalProviderConfig): boolean {
    return this.localName === o.localName && this.alias === o.alias;
  }
}

export class AbsProviderConfig {
  private readonly str: string;
  constructor(
    readonly module: Module,
    readonly provider: Provider,
    readonly alias: string = "",
  ) {
    const base = `provider["${provider.toString()}"]${alias === "" ? "" : `.${alias}`}`;
    this.str = module.isRoot() ? base : `${module.toString()}.${base}`;
    Object.freeze(this);
  }
  toString(): string {
    return this.str;
  }
  key(): string {
    return `AbsProviderConfig:${this.str}`;
  }
  equals(o: AbsProviderConfig): boolean {
    return this.str === o.str;
  }
}
