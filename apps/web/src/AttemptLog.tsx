import { useEffect, useState } from 'react'

interface Attempt {
  seq: number
  turn: string
  path: string
  status: number
  fault: string | undefined
}

/** The server's last upstream attempts (so that a retried 429 can be seen), fetched after every turn. */
export function AttemptLog({ refresh }: { refresh: number }) {
  const [attempts, setAttempts] = useState<Attempt[]>([])
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is the trigger, not an input.
  useEffect(() => {
    const controller = new AbortController()
    fetch('/api/log', { signal: controller.signal })
      .then((response) => response.json() as Promise<Attempt[]>)
      .then(
        (list) => setAttempts(list.slice(-12).reverse()),
        () => {},
      )
    return () => controller.abort()
  }, [refresh])
  return (
    <section className="log" aria-labelledby="log-heading">
      <h2 id="log-heading">Server log (upstream attempts, newest first)</h2>
      {attempts.length === 0 ? (
        <p className="help">No request yet.</p>
      ) : (
        <ol className="log-list" data-testid="attempt-log">
          {attempts.map((attempt) => (
            <li key={attempt.seq} className={attempt.status === 200 ? 'ok' : 'bad'}>
              <span>#{attempt.seq}</span> <code>POST {attempt.path}</code> →{' '}
              <strong>{attempt.status === 0 ? 'no reply' : attempt.status}</strong>
              {attempt.fault === undefined ? null : <span className="fault"> fault: {attempt.fault}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
