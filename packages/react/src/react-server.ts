// The entry under the `react-server` condition (React Server Components, Next.js route handlers): everything of
// @chatwire/core (createChat, the errors, outcome, types, tools) without the hooks, whose React imports do not
// exist in React's server build.
export * from '@chatwire/core'
