import { secureHeaders } from "hono/secure-headers";

/**
 * The Content-Security-Policy of every answer, the web app's and the API docs'
 * included. Each source is there because a page needs it (the e2e specs fail
 * on any violation, e2e/fixtures.ts):
 * - scripts only from our own files: Vite emits no inline script, and the API
 *   docs start Swagger UI from /api/docs/init.js;
 * - styles from our files and inline: Mantine writes its CSS variables and
 *   responsive style props into <style> elements at run time. A nonce
 *   (MantineProvider's getStyleNonce) would need index.html rendered per
 *   request; inline styles cannot run code, so this is the trade we make;
 * - images from our files and data: URLs (Swagger UI's icons are data: SVGs in
 *   its CSS; ECharts' "save as image");
 * - no plugins, no <base>, forms only to us, no framing by anyone.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * hono/secure-headers with Michi's policy. Referrer-Policy is
 * strict-origin-when-cross-origin rather than Hono's no-referrer: under
 * no-referrer a browser may send `Origin: null` with a same-origin form POST,
 * which cross-origin.middleware.ts could only judge by Sec-Fetch-Site. HSTS
 * only when the app's public URL is https: over plain http it would be
 * ignored.
 */
export const securityHeaders = (baseURL: string) =>
  secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    strictTransportSecurity:
      // Not includeSubDomains: Michi does not speak for the other hosts of its domain.
      new URL(baseURL).protocol === "https:" ? "max-age=31536000" : false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
