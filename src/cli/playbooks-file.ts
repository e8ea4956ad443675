// Loads a playbooks file for `plays`: a JSON list of playbooks or { "playbooks": [...] }, read
// through the engine's parsePlaybooks; every problem is named by its path inside the document.
import { DEFAULT_PLAYBOOKS, parsePlaybooks, type Playbook } from '../lib/engine/plays';
import { InputError } from './command';
import { readJsonFile } from './model-file';

/** How many problems one message lists before "(and N more)". */
const MAX_LISTED = 10;

/** The playbooks in a JSON file, or DEFAULT_PLAYBOOKS when no file is given. */
export function loadPlaybooks(path: string | undefined): Playbook[] {
  if (path === undefined) return [...DEFAULT_PLAYBOOKS];
  const result = parsePlaybooks(readJsonFile(path));
  if (result.ok) return result.playbooks;
  const listed = result.errors.slice(0, MAX_LISTED).map((e) => `at ${e.path}: ${e.message}`);
  const rest = result.errors.length - listed.length;
  const more = rest > 0 ? ` (and ${rest} more problem${rest > 1 ? 's' : ''})` : '';
  throw new InputError(`${path}, ${listed.join('; ')}${more}`);
}
