// The one engine worker: every scoring, backtest and parsing operation runs here, off the main
// thread. Each operation lives in its own file under ops/; this file only exposes them.
import * as Comlink from 'comlink';
import accountChange from './ops/account-change';
import backtest from './ops/backtest';
import benchBacktest from './ops/backtest-bench';
import backtestCoverage from './ops/backtest-coverage';
import benchRescore from './ops/bench-rescore';
import backupExport from './ops/backup-export';
import backupRestore from './ops/backup-restore';
import benchImport from './ops/bench-import';
import changes from './ops/changes';
import evaluatePlaybooks from './ops/evaluate-playbooks';
import exportCsv from './ops/export-csv';
import importApply from './ops/import-apply';
import importOpen from './ops/import-open';
import importUndo from './ops/import-undo';
import importValidate from './ops/import-validate';
import compareVersions from './ops/compare';
import crosswalkImport from './ops/crosswalk-import';
import crosswalkResolve from './ops/crosswalk-resolve';
import vendorRecognize from './ops/vendor-recognize';
import fitWeights from './ops/fit';
import acceptFit from './ops/fit-accept';
import loadDemo from './ops/load-demo';
import modelSave from './ops/model-save';
import playbookEffects from './ops/playbook-effects';
import setPlaybookEnabled from './ops/playbook-enabled';
import {
  checkPlaybooksFile,
  deletePlaybookOp,
  exportPlaybooks,
  loadPlaybooksFile,
  restoreDefaultPlaybooks,
  savePlaybook,
} from './ops/playbook-save';
import previewModel from './ops/preview-model';
import proposeFromData from './ops/propose-model';
import renewals from './ops/renewals';
import rescore from './ops/rescore';
import whatIf from './ops/what-if';
import { thenRescore } from './ops/then-rescore';

const api = {
  /** Liveness check used by tests and the bench. */
  ping: async (_onProgress?: unknown): Promise<'pong'> => 'pong',
  loadDemo,
  rescore,
  accountChange: thenRescore(accountChange),
  previewModel,
  proposeFromData,
  benchRescore,
  importOpen,
  importValidate,
  importApply: thenRescore(importApply),
  importUndo: thenRescore(importUndo),
  exportCsv,
  backupExport,
  backupRestore: thenRescore(backupRestore),
  benchImport,
  whatIf,
  backtest,
  backtestCoverage,
  fitWeights,
  acceptFit: thenRescore(acceptFit),
  modelSave: thenRescore(modelSave),
  compareVersions,
  benchBacktest,
  crosswalkResolve,
  crosswalkImport: thenRescore(crosswalkImport, (request, r) => request.apply && r.record !== null),
  vendorRecognize,
  renewals,
  changes,
  evaluatePlaybooks,
  playbookEffects,
  setPlaybookEnabled,
  savePlaybook,
  deletePlaybook: deletePlaybookOp,
  restoreDefaultPlaybooks,
  exportPlaybooks,
  checkPlaybooksFile,
  loadPlaybooksFile,
};

/** The worker's API; the main thread imports this type only. */
export type WorkerApi = typeof api;

Comlink.expose(api);
