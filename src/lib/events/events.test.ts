import { describe, expect, it, vi } from 'vitest';
import { EventManager } from './index';

interface TestEvents {
  moved: { id: string; by: number };
  cleared: { reason: string };
}

describe('EventManager', () => {
  it('calls the handlers of an event in order, with its payload, and only those', () => {
    const hub = new EventManager<TestEvents>();
    const seen: string[] = [];
    hub.on('moved', (p) => seen.push(`a:${p.id}:${p.by}`));
    hub.on('moved', (p) => seen.push(`b:${p.id}`));
    hub.on('cleared', (p) => seen.push(`c:${p.reason}`));
    hub.emit('moved', { id: 'acme', by: -12 });
    expect(seen).toEqual(['a:acme:-12', 'b:acme']);
  });

  it('unsubscribes, and once runs a single time', () => {
    const hub = new EventManager<TestEvents>();
    const always = vi.fn();
    const first = vi.fn();
    const off = hub.on('cleared', always);
    hub.once('cleared', first);
    hub.emit('cleared', { reason: 'demo' });
    off();
    hub.emit('cleared', { reason: 'erase' });
    expect(always).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledWith({ reason: 'demo' });
  });

  it('a failing handler does not stop the others', () => {
    const hub = new EventManager<TestEvents>();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    hub.on('moved', () => {
      throw new Error('boom');
    });
    hub.on('moved', after);
    hub.emit('moved', { id: 'x', by: 1 });
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
