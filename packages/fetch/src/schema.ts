// The valibot schemas and validateRequest, from this package: `import { validateRequest } from '@chatwire/fetch/schema'`.
export * from '@chatwire/core/schema'
