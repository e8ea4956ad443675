// Server hooks run only while pages are prerendered at build time (the app is static).
import type { Handle } from '@sveltejs/kit';
import { bootAfterFirstPaint } from '$lib/prerender/after-paint';

export const handle: Handle = ({ event, resolve }) =>
  resolve(event, { transformPageChunk: ({ html }) => bootAfterFirstPaint(html) });
