import { afterEach, describe, expect, it, vi } from 'vitest';
import { onIdle } from './idle';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('onIdle', () => {
  it('uses requestIdleCallback with the timeout, and cancels it', () => {
    let queued: (() => void) | null = null;
    const request = vi.fn((cb: () => void) => {
      queued = cb;
      return 7;
    });
    const cancel = vi.fn();
    vi.stubGlobal('requestIdleCallback', request);
    vi.stubGlobal('cancelIdleCallback', cancel);
    const fn = vi.fn();
    const stop = onIdle(fn, 3000);
    expect(request).toHaveBeenCalledWith(expect.any(Function), { timeout: 3000 });
    expect(fn).not.toHaveBeenCalled();
    queued!();
    expect(fn).toHaveBeenCalledTimes(1);
    stop();
    expect(cancel).toHaveBeenCalledWith(7);
  });

  it('falls back to a macrotask where requestIdleCallback is missing', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const fn = vi.fn();
    onIdle(fn);
    expect(fn).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    const stop = onIdle(cancelled);
    stop();
    vi.runAllTimers();
    expect(cancelled).not.toHaveBeenCalled();
  });
});
