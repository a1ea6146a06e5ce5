import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiTarget = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
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
