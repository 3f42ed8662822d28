#!/usr/bin/env node
// `npx @chatwire/emulator`: the built server. A committed file of its own, so that installing the workspace
// before any build finds the bin it links (pnpm warns for every package when a bin's file is missing).
import '../dist/main.js'
