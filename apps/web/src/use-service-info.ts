import { useEffect, useState } from 'react'
import type { ServiceInfo } from './service-info.js'

/** `GET /api/info`: who the server route talks to; `undefined` until it answered. */
export function useServiceInfo(): ServiceInfo | undefined {
  const [info, setInfo] = useState<ServiceInfo>()
  useEffect(() => {
    const controller = new AbortController()
    fetch('/api/info', { signal: controller.signal })
      .then((response) => response.json() as Promise<ServiceInfo>)
      .then(setInfo, () => {})
    return () => controller.abort()
  }, [])
  return info
}
