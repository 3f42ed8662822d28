// The line under every benchmark table that says where and with what it was measured.
import { cpus } from 'node:os'

/** "Measured <date> on Node …, <CPU> (<n> logical cores), <os>/<arch>; <peer> <version>, …" */
export function measuredOn(versions: Readonly<Record<string, string>> = {}): string {
  const cpu = cpus()
  const peers = Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'}`,
    `(${cpu.length} logical cores), ${process.platform}/${process.arch}${peers === '' ? '' : `; ${peers}`}`,
  ].join(' ')
}
