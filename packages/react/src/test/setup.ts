// Testing Library's async helpers wait 1 s by default; a busy CI machine can take longer to answer over HTTP.
import { configure } from '@testing-library/react'

configure({ asyncUtilTimeout: 10_000 })
