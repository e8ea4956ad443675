import { afterEach, describe, expect, it, vi } from 'vitest';
import { isStoragePersisted, requestPersistence, storageEstimate } from './storage';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('storage', () => {
  it('reports unsupported without navigator.storage', async () => {
    vi.stubGlobal('navigator', {});
    expect(await storageEstimate()).toEqual({ supported: false });
    expect(await requestPersistence()).toBe('unsupported');
    expect(await isStoragePersisted()).toBeNull();
  });

  it('passes through the browser answers', async () => {
    vi.stubGlobal('navigator', {
      storage: {
        estimate: async () => ({ usage: 2048, quota: 1_000_000 }),
        persist: async () => false,
        persisted: async () => true,
      },
    });
    expect(await storageEstimate()).toEqual({ supported: true, usage: 2048, quota: 1_000_000 });
    expect(await requestPersistence()).toBe('denied');
    expect(await isStoragePersisted()).toBe(true);
  });

  it('reports granted persistence', async () => {
    vi.stubGlobal('navigator', { storage: { persist: async () => true } });
    expect(await requestPersistence()).toBe('granted');
  });
});
