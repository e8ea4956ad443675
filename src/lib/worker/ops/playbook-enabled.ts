// Switches a playbook on or off from the Playbooks page. Stores its `enabled` and, when it was
// switched on, evaluates the playbooks as of today at once (the same evaluation as at start-up)
// so its tasks appear now rather than after the next rescore. Switching off creates and deletes
// no task (the playbook's tasks stay as they are) but forgets its per-account state, so when it
// is switched on again an account already inside its trigger gets a task (unless one is open).
import type { DayNumber } from '../../engine/types';
import { forgetPlaybookStates, getDb, putPlaybook } from '../../db';
import { InputError } from '../errors';
import evaluatePlaybooks, { activePlaybooks } from './evaluate-playbooks';

export interface PlaybookEnabledRequest {
  id: string;
  enabled: boolean;
  today: DayNumber;
}

export interface PlaybookEnabledResult {
  id: string;
  name: string;
  enabled: boolean;
  /** Tasks this playbook created in the evaluation (0 when switched off). */
  created: number;
  /** Tasks every playbook created in it (other playbooks may have been due too). */
  createdAll: number;
}

export default async function setPlaybookEnabled(
  request: PlaybookEnabledRequest,
): Promise<PlaybookEnabledResult> {
  const db = getDb();
  const { playbooks } = await activePlaybooks(db);
  const playbook = playbooks.find((p) => p.id === request.id);
  if (!playbook) throw new InputError(`There is no playbook "${request.id}"`);
  await putPlaybook(db, { ...playbook, enabled: request.enabled }, Date.now());
  if (!request.enabled) await forgetPlaybookStates(db, playbook.id);
  if (!request.enabled)
    return { id: playbook.id, name: playbook.name, enabled: false, created: 0, createdAll: 0 };
  const summary = await evaluatePlaybooks({ today: request.today });
  return {
    id: playbook.id,
    name: playbook.name,
    enabled: true,
    created: summary.createdBy[playbook.id] ?? 0,
    createdAll: summary.created,
  };
}
