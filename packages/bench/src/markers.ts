/** Puts `block` between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`, or appends the pair. */
export function replaceBetweenMarkers(document: string, name: string, block: string): string {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const section = `${start}\n${block}\n${end}`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from === -1 || to < from) return `${document.trimEnd()}\n\n${section}\n`
  return document.slice(0, from) + section + document.slice(to + end.length)
}
