// What changed and why, and the weekly digest.
export * from './period';
export * from './attribute';
export * from './changes';
export * from './digest';
export * from './compare';
export * from './moves';
