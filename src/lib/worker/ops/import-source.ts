// Shared by the import ops: reading the picked file (a File handed to the worker, never read on
// the main thread) into text, with a one-entry cache so the mapping, validation and apply
// steps do not decode the same file again while this worker lives.
import {
  decodeZipEntry,
  openImportFile,
  ImportFileError,
  type DecodedText,
  type OpenedFile,
} from '../../import';

/** A picked file (or one CSV inside a picked zip) as the main thread names it. */
export interface ImportSource {
  /** The File or Blob the user picked; structured-cloned to the worker without copying. */
  file: Blob;
  fileName: string;
  /** The CSV entry inside a zip, when the file is a zip. */
  entry?: string | null;
}

/** A decoded CSV source. */
export interface SourceText extends DecodedText {
  /** The name shown to the user and logged: the file, or `zip › entry`. */
  displayName: string;
}

let cached: { key: string; text: SourceText } | null = null;

/** A key that identifies the same picked file across calls. */
export function sourceKey(s: ImportSource): string {
  const modified = (s.file as Partial<File>).lastModified ?? 0;
  return `${s.fileName}\u0000${s.file.size}\u0000${modified}\u0000${s.entry ?? ''}`;
}

/** Reads and opens the picked file: CSV text, or the list of a zip's CSV entries. */
export async function openSource(s: ImportSource): Promise<OpenedFile> {
  const bytes = new Uint8Array(await s.file.arrayBuffer());
  return openImportFile(bytes, s.fileName);
}

/** The decoded text of a source (the zip entry it names, for a zip). */
export async function readSourceText(s: ImportSource): Promise<SourceText> {
  const key = sourceKey(s);
  if (cached?.key === key) return cached.text;
  cached = null;
  const opened = await openSource(s);
  let decoded: DecodedText;
  let displayName = s.fileName;
  if (opened.kind === 'zip') {
    const entry = opened.entries.find((e) => e.name === s.entry) ?? null;
    if (!entry) {
      throw new ImportFileError(
        'zip-without-csv',
        `Choose one of the CSV files inside ${s.fileName}: ${opened.entries.map((e) => e.name).join(', ')}.`,
      );
    }
    decoded = decodeZipEntry(entry);
    displayName = `${s.fileName} › ${entry.name}`;
  } else {
    decoded = opened.decoded;
  }
  const text = { ...decoded, displayName };
  cached = { key, text };
  return text;
}
