/**
 * A string that grows by pieces in linear time. Pieces are kept in an array and joined only when the value
 * is read; the joined prefix is cached, so reading after every chunk joins only what arrived since the last
 * read instead of copying the whole text again (`s += piece` on every chunk, then reading, is what makes
 * naive accumulators quadratic in engines without ropes).
 */
export class TextPieces {
  private joined = ''
  private readonly tail: string[] = []
  /** Whether any non-empty piece was added. */
  hasText = false

  /** Adds a piece; empty pieces are ignored. */
  push(piece: string): void {
    if (piece === '') return
    this.tail.push(piece)
    this.hasText = true
  }

  /** The whole text so far. */
  value(): string {
    const tail = this.tail
    if (tail.length > 0) {
      this.joined += tail.length === 1 ? (tail[0] as string) : tail.join('')
      tail.length = 0
    }
    return this.joined
  }
}
