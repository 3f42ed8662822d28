import { FAULTS } from '../faults/catalog.js'

const TITLE =
  'chatwire emulator: a local chat-completions server (OpenAI, Azure OpenAI, Azure AI Model Inference)'

/** The usage line, printed after a bad command line (the whole help would bury the one line that matters). */
export const USAGE = `${TITLE}

Usage: npx @chatwire/emulator [--port 4141] [--host 127.0.0.1] [--token-delay-ms 20] [--latency-ms 0]
                             [--fault NAME[;key=value…]] [--key KEY]… [--loose-requests] [--quiet]
       (pnpm emulator in the chatwire repository; --help explains each flag and lists the faults)`

const FLAGS: readonly [flag: string, what: string][] = [
  ['--port N', 'where to listen: 0 to 65535, 0 picks a free port (default 4141, or the PORT variable)'],
  ['--host HOST', 'the address to listen on (default 127.0.0.1, loopback only)'],
  ['--token-delay-ms MS', 'the pause between stream chunks, ≥ 0 (default 20; 0 streams at once)'],
  ['--latency-ms MS', "the pause before every reply's headers, ≥ 0 (default 0)"],
  [
    '--fault SPEC',
    'a fault for every request that picks none of its own: NAME;key=value;… (below); checked at start',
  ],
  ['--key KEY', 'accept only this key or token (repeat for several); without it any non-empty one passes'],
  [
    '--loose-requests',
    'accept request fields no OpenAI-compatible service knows (by default the OpenAI and Azure OpenAI routes answer them 400, as OpenAI does)',
  ],
  [
    '--quiet',
    'print only the "listening on URL" line and the closing one, no routes, faults nor request lines; errors still go to stderr',
  ],
  ['--version', 'print the version and exit'],
  ['-h, --help', 'print this help and exit'],
]

const WIDTH = 100

/** `text` in lines of at most {@link WIDTH} characters, each after `indent` spaces. */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(line)
  return lines
}

/** A two-column list: each name, then its text wrapped under the second column. */
function table(rows: readonly (readonly [string, string])[]): string {
  const column = Math.max(...rows.map(([name]) => name.length)) + 4
  return rows
    .flatMap(([name, text]) =>
      wrap(text, column).map(
        (line, index) => `${index === 0 ? `  ${name}`.padEnd(column) : ' '.repeat(column)}${line}`,
      ),
    )
    .join('\n')
}

/** `--help`: every flag explained, every fault with its parameters, the environment and the exit codes. */
export const HELP = `${TITLE}

Usage: npx @chatwire/emulator [options]     (pnpm emulator in the chatwire repository)

Options:
${table(FLAGS)}

Faults: the x-emulator-fault header (NAME;key=value;…) or a [[fault:NAME;key=value]] phrase in the last
user message picks one per request; --fault gives one to every other request. Every fault also takes
should_retry=true|false (sent as x-should-retry).
${table(Object.entries(FAULTS))}

Environment: PORT sets the port when --port is not given.
Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 could not listen (a busy port), 2 bad usage.`
