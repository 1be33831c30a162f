// Where a plugin's stderr goes, as Terraform routes its plugins' logs: with TF_LOG_PROVIDER, CAIRN_LOG or
// TF_LOG set to a level (TRACE, DEBUG, INFO, WARN, ERROR; any other value means TRACE, as in Terraform),
// each line at that level or above is logged (to CAIRN_LOG_PATH or TF_LOG_PATH when set, else Cairn's
// stderr) prefixed with the provider's address. A line's level is its own `[LEVEL]` tag, DEBUG without one.
// Unset or OFF: dropped (the client still keeps the last lines for the message when the plugin dies).

import { appendFileSync } from "node:fs";

const levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"] as const;
type Level = (typeof levels)[number];

function rank(level: string): number {
  const i = levels.indexOf(level.toUpperCase() as Level);
  return i < 0 ? 0 : i;
}

export function pluginLogger(env: NodeJS.ProcessEnv, provider: string): (line: string) => void {
  const setting = [env.TF_LOG_PROVIDER, env.CAIRN_LOG, env.TF_LOG].find((v) => v !== undefined && v !== "");
  if (setting === undefined || setting.toUpperCase() === "OFF") return () => undefined;
  const least = rank(setting);
  const path = env.CAIRN_LOG_PATH ?? env.TF_LOG_PATH;
  return (line) => {
    const tagged = /^\s*(?:\d{4}-\d\d-\d\dT\S+\s+)?\[(TRACE|DEBUG|INFO|WARN|ERROR)\]\s*(.*)$/i.exec(line);
    const level = (tagged?.[1]?.toUpperCase() ?? "DEBUG") as Level;
    if (rank(level) < least) return;
    const text = `${new Date().toISOString()} [${level}] provider[${provider}]: ${tagged?.[2] ?? line}\n`;
    if (path !== undefined && path !== "") appendFileSync(path, text, { mode: 0o600 });
    else process.stderr.write(text);
  };
}
