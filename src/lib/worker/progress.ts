// The progress callback every long worker operation accepts as its last argument.

/** Reports a fraction 0–1 and a short label. */
export type ProgressFn = (p: { fraction: number; label: string }) => void;
