import { z } from "zod";

/**
 * Zod compiles object parsers with `new Function` when it may, and probes for
 * that with `Function("")` as its first object schema is built. The server's
 * Content-Security-Policy allows no eval (script-src 'self'): the probe would
 * be refused and reported as a violation on every page. Jitless parsing is the
 * same parsing, interpreted. Imported first in main.tsx, before any module
 * builds a schema.
 */
z.config({ jitless: true });
