// Where the real data sets live: tests/datasets in this repository (copies, with their
// licences), so a clone alone runs the tests; nothing outside the repository is read.
import { fileURLToPath } from 'node:url';

/** Absolute path of the data sets folder, with a trailing slash. */
export const DATASETS_DIR = fileURLToPath(new URL('./datasets/', import.meta.url));

/** The IBM Telco churn CSV. */
export const TELCO_CSV = `${DATASETS_DIR}telco/Telco-Customer-Churn.csv`;

/** The RavenStack tables folder, with a trailing slash. */
export const RAVENSTACK_DIR = `${DATASETS_DIR}ravenstack/`;
