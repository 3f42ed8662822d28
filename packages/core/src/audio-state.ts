import { keepExtra, malformed, stringField } from './chunk-fields.js'
import type { DeltaListener } from './delta-events.js'
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
    if (typeof raw !== 'object' || raw === null) throw malformed('audio that is not an object')
    const delta = raw as Record<string, unknown>
    let data = ''
    let transcript = ''
    for (const key in delta) {
      const value = delta[key]
      if (value === undefined || value === null) continue
      switch (key) {
        case 'data':
          data = stringField(value, 'audio data')
          break
        case 'transcript':
          transcript = stringField(value, 'an audio transcript')
          break
        case 'id':
          if (typeof value === 'string' && value !== '') this.id = value
          break
        case 'expires_at':
          if (typeof value === 'number' && value > 0) this.expiresAt = value
          break
        default:
          this.extras = keepExtra(this.extras, key, value)
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
