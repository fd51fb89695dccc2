import { createContext, useContext } from 'react'

/** The CSP nonce of this response (server only; browsers hide nonce values from the DOM). */
export const NonceContext = createContext('')
export const useNonce = () => useContext(NonceContext)
