import { describe, expect, it } from 'vitest';
import { MAX_TOASTS, pushToast, type Toast } from './toast-list';

const t = (id: number, kind: Toast['kind'] = 'success'): Toast => ({ id, kind, message: `#${id}` });

describe('pushToast', () => {
  it('keeps every notice up to the limit, newest last', () => {
    let items: Toast[] = [];
    for (let i = 1; i <= MAX_TOASTS; i++) items = pushToast(items, t(i));
    expect(items.map((x) => x.id)).toEqual([1, 2, 3]);
  });

  it('drops the oldest notice that is not an error when a fourth arrives', () => {
    const items = pushToast([t(1, 'error'), t(2), t(3)], t(4));
    expect(items.map((x) => x.id)).toEqual([1, 3, 4]);
  });

  it('drops the oldest error only when every older notice is an error', () => {
    const items = pushToast([t(1, 'error'), t(2, 'error'), t(3, 'error')], t(4));
    expect(items.map((x) => x.id)).toEqual([2, 3, 4]);
  });

  it('never drops the notice being added', () => {
    const items = pushToast([t(1, 'error'), t(2, 'error'), t(3, 'error')], t(4, 'info'));
    expect(items.at(-1)?.id).toBe(4);
    expect(items).toHaveLength(MAX_TOASTS);
  });
});
