/** The audit log: append, sequencing into the Merkle tree, signed checkpoints, proofs, verification. Other domains import this index only. */
export * from './chain';
export * from './checkpoint';
export * from './schema';
export * from './verify';
export * from './anchors';
export * from './mac';
export * from './witness';
export * from './sequencer';
export * from './tree';
export * from './proofs';
export * from './cosign';
