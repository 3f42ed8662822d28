export * from './chunkings.js'
export * from './emulator-faults.js'
export * from './fixtures.js'
