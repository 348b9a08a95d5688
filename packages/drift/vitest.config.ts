import { defineProject } from "vitest/config";

// The HTTPS test server generates keys and the client loads lazily: generous limits on a busy machine.
export default defineProject({ test: { name: "drift", testTimeout: 30_000, hookTimeout: 60_000 } });
