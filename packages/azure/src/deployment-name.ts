// Azure names deployments with letters, digits, `-`, `_` and `.`; the check below only refuses what could
// leave the `/deployments/{name}` segment (`..` anywhere, `.` alone, `/`, `\`, a control character), so that
// previews with other characters still work (encoded).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /\.\.|^\.$|[/\\\u0000-\u001f\u007f]/

/**
 * Checks a deployment name before it goes into a URL path: empty names, `.` and `..` (which a URL parser
 * resolves to the parent path), and names with `/` or `\` are refused with a `TypeError`. The rest is
 * encoded with `encodeURIComponent` by the caller.
 */
export function checkDeploymentName(origin: string, deployment: unknown): string {
  if (typeof deployment !== 'string' || deployment.trim() === '' || UNSAFE.test(deployment)) {
    throw new TypeError(
      `${origin}: deployment must be the name of your model deployment (for example 'gpt-4o-mini'): not empty, not '.', without '..', '/', '\\' or control characters`,
    )
  }
  return deployment
}
