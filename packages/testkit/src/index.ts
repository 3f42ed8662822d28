export * from './chunkings.js'
export * from './emulator-faults.js'
export * from './fixtures.js'

export * from './read-stream.js'
export * from './rejection.js'
