// Every page is prerendered as a static shell; data comes from IndexedDB in the browser.
export const prerender = true;
export const ssr = true;
export const trailingSlash = 'never';
