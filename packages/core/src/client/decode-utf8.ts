/** The UTF-8 text of pieces of a body (a character cut at the limit becomes U+FFFD). */
export function decodeUTF8(pieces: readonly Uint8Array[], bytes: number): string {
  const decoder = new TextDecoder()
  if (pieces.length === 1) return decoder.decode(pieces[0])
  const whole = new Uint8Array(bytes)
  let offset = 0
  for (const piece of pieces) {
    whole.set(piece, offset)
    offset += piece.byteLength
  }
  return decoder.decode(whole)
}
