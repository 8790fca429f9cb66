/**
 * The credit-record kernel, one folder per domain (see docs/ARCHITECTURE.md). Each domain's index is its public
 * surface; this file re-exports them for the server, the plugin SDK, the demo data and the tools. The browser-safe
 * contract (schemas, labels, legal dates) is re-exported too, so server code has one import.
 */
export * from '@chengxin/contract';
export * as evaluationContract from '@chengxin/contract/evaluation';
export * from './core';
export * from './access';
export * from './audit';
export * from './registry';
export * from './records';
export * from './processes';
export * from './file';
export * from './calendar';
export * from './evaluation';
export * from './exchange';
export * from './public';
export * from './plugins';
export * from './console';
export * from './leads';
export * as leadsContract from '@chengxin/contract/leads';
export * from './measures';
export { kernelRouter, type KernelRouter } from './router';
export * as schema from './schema';
