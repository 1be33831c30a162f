// Where a plugin's stderr goes: with CAIRN_LOG or TF_LOG set, each line is logged (to CAIRN_LOG_PATH or
// TF_LOG_PATH when set, else Cairn's stderr) prefixed with the provider's address, as Terraform logs its
// plugins' output; otherwise it is dropped (the client still keeps the last lines for a crash message).

import { appendFileSync } from "node:fs";

export function pluginLogger(env: NodeJS.ProcessEnv, provider: string): (line: string) => void {
  const level = env.CAIRN_LOG ?? env.TF_LOG;
  if (level === undefined || level === "" || level.toLowerCase() === "off") return () => undefined;
  const path = env.CAIRN_LOG_PATH ?? env.TF_LOG_PATH;
  return (line) => {
    const text = `${new Date().toISOString()} [DEBUG] provider[${provider}]: ${line}\n`;
    if (path !== undefined && path !== "") appendFileSync(path, text, { mode: 0o600 });
    else process.stderr.write(text);
  };
}
