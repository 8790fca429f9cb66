/**
 * The only kernel surface plugins may import. The plugin SDK issue fills this in (definePlugin, extension points);
 * for now it re-exports the procedure builders so the module boundary is already in place.
 */
export { procedure, router, type ProcedureMeta, type TrpcContext } from '@chengxin/kernel';
