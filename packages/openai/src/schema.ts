// The valibot schemas and validateRequest, from this package: `import { validateRequest } from '@chatwire/openai/schema'`.
export * from '@chatwire/core/schema'
