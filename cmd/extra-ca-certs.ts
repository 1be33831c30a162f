// NODE_EXTRA_CA_CERTS, read by Cairn when a TLS context first needs it rather than by Node at every start.
//
// Node 20 parses its whole root store at start-up when the variable is set (its ~140 bundled roots and every
// certificate of the file): on machines that set it for all programs (a proxy's CA, or the distribution's
// bundle, as in the CI image) that was ~60 ms of every `cairn` command and of every plugin process Cairn
// starts, against ~20 ms for all the rest of Node's start. The launcher line of bin/cairn and
// bin/terraform-provider-cluster therefore starts Node with the variable moved to CAIRN_EXTRA_CA_CERTS, and
// this puts it back: into the environment, so that every process Cairn starts (git, plugins) sees what the
// user set; and into every TLS context the process makes with the default trust (no `ca` of its own), as
// Node itself would have: the default roots plus the file's certificates, read once, on first use. A context
// given its own `ca` (plugins, etcd, a served cluster API with its CA) trusts only that, with or without the
// variable, as in Node. `node bin/cairn` never moves the variable, and Node reads it as usual.

import { readFileSync } from "node:fs";
import tls from "node:tls";

/** The native context's one method used here: adds PEM certificates to the context's own copy of the roots. */
interface NativeContext {
  addCACert(pem: Buffer): void;
}

let adopted = false;

/**
 * Restores NODE_EXTRA_CA_CERTS from `moved`, the variable the launcher line left it in, and makes default-trust
 * TLS contexts include its certificates.
 */
export function adoptExtraCaCertificates(env: NodeJS.ProcessEnv, moved: string, warn: (line: string) => void): void {
  const file = env[moved];
  if (file === undefined) return;
  delete env[moved];
  // A variable the user set again in between wins, as it reached Node.
  if (env.NODE_EXTRA_CA_CERTS === undefined) env.NODE_EXTRA_CA_CERTS = file;
  if (adopted || file === "") return;
  adopted = true;
  let pem: Buffer | null | undefined;
  const extra = (): Buffer | null => {
    if (pem !== undefined) return pem;
    try {
      pem = readFileSync(file);
    } catch (err) {
      // Node's own words for a file it cannot load, once.
      warn(`Warning: Ignoring extra certs from \`${file}\`, load failed: ${(err as Error).message}\n`);
      pem = null;
    }
    return pem;
  };
  const defaultContext = tls.createSecureContext;
  tls.createSecureContext = function (options?: tls.SecureContextOptions): tls.SecureContext {
    const made = defaultContext.call(tls, options);
    if (options?.ca === undefined) {
      const certs = extra();
      if (certs !== null) (made.context as NativeContext).addCACert(certs);
    }
    return made;
  };
}
