// The behaviour the account page's four forms share: hold the fields, validate on submit, show
// the errors, save, and clear the form once saved. (Focus is the component's: see
// components/account/focus-invalid.ts.)
import { tick } from 'svelte';
import type { FieldErrors, Validated } from './account-forms';

/** One account form: `form` and `errors` are reactive; `submit` runs the whole cycle. */
export class AccountForm<F extends object, V> {
  form: F = $state() as F;
  errors: FieldErrors<keyof F & string> = $state({});
  saving = $state(false);
  readonly #blank: () => F;
  readonly #validate: (form: F) => Validated<V, keyof F & string>;
  readonly #save: (value: V) => Promise<boolean>;

  constructor(
    blank: () => F,
    validate: (form: F) => Validated<V, keyof F & string>,
    save: (value: V) => Promise<boolean>,
  ) {
    this.#blank = blank;
    this.#validate = validate;
    this.#save = save;
    this.form = blank();
  }

  /**
   * Validates and saves. Resolves 'invalid' once the errors are rendered (so the caller can
   * move focus to the first one), 'saved' after a save that cleared the form, or 'failed'
   * when the save reported a failure (the fields are kept).
   */
  async submit(): Promise<'invalid' | 'saved' | 'failed'> {
    const checked = this.#validate(this.form);
    if (!checked.ok) {
      this.errors = checked.errors;
      await tick();
      return 'invalid';
    }
    this.errors = {};
    this.saving = true;
    try {
      const ok = await this.#save(checked.value);
      if (ok) this.form = this.#blank();
      return ok ? 'saved' : 'failed';
    } finally {
      this.saving = false;
    }
  }
}
