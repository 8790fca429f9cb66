/** District integrity evaluation: schemes, runs, scores, evidence, roll-ups, third-party results. Other domains import this index only. */
export * from './errors';
export * from './evidence';
export * from './external';
export * from './indicators';
export * from './rollups';
export * from './runs';
export * from './schema';
export * from './schemes';
export * from './scoring';
export * from './policy-use';
