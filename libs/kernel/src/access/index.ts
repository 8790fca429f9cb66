/** Who may do what: permissions and roles, scope (org subtree + plugins), sessions and login, users, grants, API tokens, the access and query log, the rate limiter, data-key rotation. Other domains import this index only. */
export * from './access-log';
export * from './auth';
export * from './key-rotation';
export * from './limiter';
export { limitStoreContract, type ContractRunner } from './limit-store-contract';
export * from './permissions';
export * from './policy';
export * from './schema';
export * from './scope';
export * from './users';
export * from './expensive';
export * from './login-guard';
export * from './password-policy';
