// The valibot schemas and validateRequest, from this package: `import { validateRequest } from '@chatwire/react/schema'`.
export * from '@chatwire/core/schema'
