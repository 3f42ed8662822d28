import { type ThreadMessage, type ToolResultInput, validateStandard } from '@chatwire/core'
import { useEffect, useRef } from 'react'
import { DEMO_TOOLS, needsConfirmation } from './demo-tools.js'

/**
 * Runs the calls of tools that run in the browser as soon as they wait for a result: the arguments checked
 * by the tool's schema, then its `execute`; the result (or why it failed) goes back with `addToolResult`.
 * Each call runs once (React's StrictMode runs effects twice).
 */
export function useBrowserTools(
  messages: readonly ThreadMessage[],
  addToolResult: (input: ToolResultInput) => void,
): void {
  const started = useRef(new Set<string>())
  useEffect(() => {
    const last = messages.at(-1)
    if (last?.role !== 'assistant') return
    for (const call of last.toolCalls) {
      const tool = DEMO_TOOLS[call.name]
      if (call.state !== 'awaiting-result' || needsConfirmation(call.name) || started.current.has(call.id))
        continue
      started.current.add(call.id)
      void run(tool, call.input).then((answer) => addToolResult({ toolCallId: call.id, ...answer }))
    }
  }, [messages, addToolResult])
}

async function run(
  tool: (typeof DEMO_TOOLS)[string] | undefined,
  input: unknown,
): Promise<{ result: unknown } | { error: string }> {
  if (tool?.execute === undefined) return { error: 'No such tool in this page' }
  const checked = await validateStandard(tool.parameters, input)
  if (!checked.success) {
    return {
      error: `Invalid arguments: ${checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    }
  }
  try {
    return {
      result: await tool.execute(checked.value, {
        signal: new AbortController().signal,
        toolCallId: '',
        messages: [],
      }),
    }
  } catch (failure) {
    return { error: failure instanceof Error ? failure.message : 'The tool failed' }
  }
}
