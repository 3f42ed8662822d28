import type { DeltaListener } from './delta-events.js'
import { MalformedStreamError } from './errors.js'
import { assignEntries } from './own-properties.js'
import type { ReplyAudio } from './schema/response.js'
import { TextPieces } from './text-pieces.js'

/**
 * An audio reply being assembled from `delta.audio` pieces: base64 `data` and `transcript` are concatenated;
 * `id` and `expires_at` keep their last real value (they may come on any piece).
 */
export class AudioState {
  private id = ''
  private expiresAt = 0
  private readonly data = new TextPieces()
  private readonly transcript = new TextPieces()
  private extras: Map<string, unknown> | undefined = undefined

  /** Folds one `delta.audio` in, reporting an `audio.delta` event when it carries data or transcript. */
  fold(raw: unknown, choiceIndex: number, emit: DeltaListener | undefined): void {
    if (typeof raw !== 'object' || raw === null)
      throw new MalformedStreamError('A chunk has audio that is not an object')
    const delta = raw as Record<string, unknown>
    let data = ''
    let transcript = ''
    for (const key in delta) {
      const value = delta[key]
      if (value === undefined || value === null) continue
      switch (key) {
        case 'data':
          data = expectString(value)
          break
        case 'transcript':
          transcript = expectString(value)
          break
        case 'id':
          if (typeof value === 'string' && value !== '') this.id = value
          break
        case 'expires_at':
          if (typeof value === 'number' && value > 0) this.expiresAt = value
          break
        default:
          if (this.extras === undefined) this.extras = new Map()
          this.extras.set(key, value)
      }
    }
    this.data.push(data)
    this.transcript.push(transcript)
    if (emit !== undefined && (data !== '' || transcript !== '')) {
      emit({ type: 'audio.delta', choiceIndex, data, transcript })
    }
  }

  /** The audio as `message.audio`. */
  build(): ReplyAudio {
    const audio: ReplyAudio = {
      id: this.id,
      data: this.data.value(),
      expires_at: this.expiresAt,
      transcript: this.transcript.value(),
    }
    assignEntries(audio, this.extras)
    return audio
  }
}

function expectString(value: unknown): string {
  if (typeof value === 'string') return value
  throw new MalformedStreamError('A chunk has audio data or transcript that is not a string')
}
