// After a form shows its errors, keyboard and screen-reader users land on the first one.

/** A field marked invalid: aria-invalid, or data-invalid on the first radio of a group. */
const INVALID = '[aria-invalid="true"], [data-invalid="true"]';

/** Moves focus to the first invalid field inside `root` (if any). */
export function focusFirstInvalid(root: HTMLElement | undefined): void {
  root?.querySelector<HTMLElement>(INVALID)?.focus();
}
