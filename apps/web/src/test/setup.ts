import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { initI18n } from "../lib/i18n";

// jsdom lacks what Mantine measures with.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  }) as MediaQueryList;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// Mantine's Combobox (Select) scrolls the selected option into view.
Element.prototype.scrollIntoView ??= () => {};

// Mantine's autosize Textarea listens for web fonts loading.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

initI18n();

// waitFor and findBy give up after 1 s by default: on a busy machine a render of a large
// table takes longer, and a test must fail only when the feature is broken.
configure({ asyncUtilTimeout: 20_000 });

// A console.error in a test fails it: errors must be asserted, not printed.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  if (errors.length > 0) {
    throw new Error(
      `console.error was called: ${errors.map((a) => a.map(String).join(" ")).join("\n")}`,
    );
  }
});
