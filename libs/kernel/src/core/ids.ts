import { v7 } from 'uuid';

/** UUIDv7: time-ordered (index-friendly) and not guessable in public URLs. */
export const newId = (): string => v7();
