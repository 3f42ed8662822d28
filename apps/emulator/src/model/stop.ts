/** Cuts `text` before the first stop sequence it contains; the stop sequence itself is not sent. */
export function applyStop(text: string, stop: string | readonly string[] | null | undefined): string {
  const sequences = typeof stop === 'string' ? [stop] : (stop ?? [])
  let end = text.length
  for (const sequence of sequences) {
    if (sequence === '') continue
    const at = text.indexOf(sequence)
    if (at !== -1 && at < end) end = at
  }
  return text.slice(0, end)
}
