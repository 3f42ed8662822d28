/**
 * A random RFC 4122 version 4 UUID: `crypto.randomUUID()`, which browsers give secure contexts only (https,
 * localhost), else one made with `crypto.getRandomValues`, which every context has (a page served over plain
 * http on a LAN address has no `randomUUID`).
 */
export function randomId(): string {
  // Each 0, 1 or 8 of the template becomes a random hex digit; an 8 keeps its two high bits (the variant).
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
      (+digit ^ ((crypto.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (+digit / 4)))).toString(
        16,
      ),
    )
  )
}
