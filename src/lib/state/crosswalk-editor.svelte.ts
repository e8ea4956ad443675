// The linked-ids (crosswalk) editor: every stored source id → account link and the accounts it
// can point at, kept current by a live query (an import, or an edit in another tab, shows up
// without a reload), with the list's source filter, search and page size.
import { getDb, readCrosswalkEditor, watchQuery, type CrosswalkEditorData } from '$lib/db';
import {
  filterLinks,
  linkKey,
  linkRows,
  sourceCounts,
  type AccountName,
  type LinkRow,
} from './crosswalk-view';

/** Rows rendered at a time; "Show more" adds as many again. */
export const LINK_PAGE = 200;

class CrosswalkEditor {
  /** The latest read (null until the first one). */
  data = $state.raw<CrosswalkEditorData | null>(null);
  loadError = $state<string | null>(null);
  /** The chosen source ('' = every source). */
  source = $state('');
  query = $state('');
  /** How many of the filtered rows are rendered. */
  shown = $state(LINK_PAGE);

  accounts = $derived<readonly AccountName[]>(this.data?.accounts ?? []);
  names = $derived(new Map(this.accounts.map((a) => [a.id, a.name])));
  rows = $derived<LinkRow[]>(this.data ? linkRows(this.data.entries, this.names) : []);
  #byKey = $derived(new Map(this.rows.map((r) => [r.key, r])));
  counts = $derived(sourceCounts(this.rows));
  filtered = $derived(filterLinks(this.rows, { source: this.source, query: this.query }));
  visible = $derived(this.filtered.slice(0, this.shown));

  /** Starts the live read; returns the function that stops it. */
  connect(): () => void {
    this.loadError = null;
    const sub = watchQuery(() => readCrosswalkEditor(getDb())).subscribe({
      next: (data) => (this.data = data),
      error: (e) => {
        console.error('Crosswalk query failed', e);
        this.loadError = e instanceof Error ? e.message : String(e);
      },
    });
    return () => sub.unsubscribe();
  }

  /** Shows one source ('' = all) from the first page. */
  setSource(source: string): void {
    this.source = source;
    this.shown = LINK_PAGE;
  }

  /** Searches ids and account names from the first page. */
  setQuery(query: string): void {
    this.query = query;
    this.shown = LINK_PAGE;
  }

  /** Renders another page of rows. */
  showMore(): void {
    this.shown += LINK_PAGE;
  }

  /** An account's name, or its id when there is no such account. */
  accountName(accountId: string): string {
    return this.names.get(accountId) ?? accountId;
  }

  /** The name of the account a source id is linked to, or undefined when it is not linked. */
  linkedTo(source: string, sourceId: string): string | undefined {
    const row = this.#byKey.get(linkKey(source, sourceId));
    return row ? (row.accountName ?? row.accountId) : undefined;
  }
}

/** The one linked-ids editor state. */
export const crosswalkEditor = new CrosswalkEditor();
