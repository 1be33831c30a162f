// Terraform's name for the platform Cairn runs on (`linux_amd64`), the last directory of a provider package.
export function currentPlatform(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  const os = process.platform === "win32" ? "windows" : process.platform;
  return `${os}_${arch}`;
}
