export * from './chunkings.js'
export * from './fixtures.js'
