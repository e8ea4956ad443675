import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      manifest: {
        name: 'Canary — customer health scoring',
        short_name: 'Canary',
        description:
          'Customer health scores you can read, edit and backtest against your own renewals. Runs entirely in your browser.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f6f4a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest}', 'prerendered/**/*.html'],
        // Offline navigations to any route fall back to the prerendered page of that route;
        // unknown routes (e.g. /account?id=…) are served by the SPA shell below.
        navigateFallback: '/',
        // Query parameters (e.g. /account?id=…) are read by the page in the browser, so a
        // navigation matches the precached prerendered page of its path whatever they are.
        ignoreURLParametersMatching: [/.*/],
        navigateFallbackDenylist: [/\/api\//],
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      kit: { includeVersionFile: true },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { include: ['comlink', 'papaparse', 'dexie', 'chart.js', 'zod', 'fflate'] },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
