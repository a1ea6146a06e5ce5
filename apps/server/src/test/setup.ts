import { afterEach, beforeEach, vi } from "vitest";
import { logger } from "../lib/logger";

logger.level = "silent";

// A console.error in a test fails it: errors must be asserted, not printed.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    throw new Error(
      `console.error was called: ${errors.map((a) => a.map(String).join(" ")).join("\n")}`,
    );
  }
});
