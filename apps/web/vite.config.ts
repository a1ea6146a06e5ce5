import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiTarget = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // zod and the module that sets it jitless in one chunk: every module that
          // builds a schema imports that chunk, so the setting is made before the first
          // schema, whatever order the other chunks run in (see src/lib/zod-jitless.ts).
          groups: [
            { name: "zod", test: /node_modules[\\/]zod[\\/]|src[\\/]lib[\\/]zod-jitless\.ts$/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": {
        target: apiTarget,
        changeOrigin: true,
        // better-auth checks the Origin of sign-in requests against its base URL.
        configure: (proxy) => {
          proxy.on("proxyReq", (request) => request.setHeader("origin", apiTarget));
        },
      },
    },
  },
});
