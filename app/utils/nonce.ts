import { createContext, useContext } from "react";

// The CSP nonce of the response being rendered (server only; the browser needs none after load).
const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
