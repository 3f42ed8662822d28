// The valibot schemas and validateRequest, from this package: `import { validateRequest } from '@chatwire/azure/schema'`.
export * from '@chatwire/core/schema'
// Azure's detailed content-filter shapes, in place of core's generic ones of the same names.
export { ContentFilterResultsSchema, PromptFilterResultSchema } from './content-filter.js'
