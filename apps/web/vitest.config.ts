import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "web",
    root: import.meta.dirname,
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    // jsdom renders of large tables take seconds on a busy machine; tests assert behaviour,
    // not speed (three web tests once timed out at the 5 s default and CI went red).
    testTimeout: 30_000,
  },
});
