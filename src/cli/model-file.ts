// Loads a model file (and any JSON file) for the commands: JSON syntax errors with line and column, schema errors
// with the path inside the document, all as one InputError message naming the file.
import { DEFAULT_MODEL, parseModel, type ModelDocument } from '../lib/engine';
import { readTextFile } from './book-files';
import { InputError } from './command';

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** A JSON file read as the Import page reads text; bad JSON fails naming line and column. */
export function readJsonFile(path: string): unknown {
  const text = readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? ` at ${lineAndColumn(text, Number(at[1]))}` : '';
    throw new InputError(`${path}: not valid JSON${where}: ${message}`);
  }
}

/** The model in a JSON file, or DEFAULT_MODEL when no file is given. */
export function loadModel(path: string | undefined): ModelDocument {
  if (path === undefined) return DEFAULT_MODEL;
  const json = readJsonFile(path);
  const result = parseModel(json);
  if (!result.ok) {
    const [first, ...rest] = result.errors;
    const more =
      rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    throw new InputError(`${path}, at ${first.path}: ${first.message}${more}`);
  }
  return result.model;
}
