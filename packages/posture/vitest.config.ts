import { defineProject } from "vitest/config";

// Rule tests are pure and share no state: one module graph for all files keeps the suite fast.
export default defineProject({ test: { name: "posture", isolate: false } });
