// Where the real data sets live: ../shared/datasets beside the repository (as on CI).
import { fileURLToPath } from 'node:url';

/** Absolute path of the shared datasets folder, with a trailing slash. */
export const DATASETS_DIR = fileURLToPath(new URL('../../shared/datasets/', import.meta.url));

/** The IBM Telco churn CSV. */
export const TELCO_CSV = `${DATASETS_DIR}telco/Telco-Customer-Churn.csv`;

/** The RavenStack tables folder, with a trailing slash. */
export const RAVENSTACK_DIR = `${DATASETS_DIR}ravenstack/`;
