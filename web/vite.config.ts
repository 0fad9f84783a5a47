import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app lives in web/; the server (npm run server) answers /api and /ws on :3000.
const root = new URL('.', import.meta.url).pathname;
const server = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/ws': { target: server, ws: true },
    },
  },
});
