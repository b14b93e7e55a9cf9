import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

// The gateway serves the built files at /console (same origin as the API, so no CORS);
// `npm run dev` proxies the API to a local stack on :8000.
export default defineConfig({
  base: "/console/",
  // brotli and gzip copies beside each file: the gateway serves the one the browser takes
  plugins: [
    react(),
    compression({
      algorithms: [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip")],
      include: /\.(js|css|html|svg|json)$/,
      threshold: 1024,
    }),
  ],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: { outDir: "dist", sourcemap: false },
  server: { proxy: { "/v1": "http://127.0.0.1:8000" } },
});
