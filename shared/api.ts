/**
 * The public contract, request and response schemas (zod) with their types, shared by server and client.
 * Each area keeps its schemas in shared/contract/; the route table (routes.ts) ties them to paths.
 */
export * from './contract/common';
export * from './contract/accounts';
export * from './contract/cases';
export * from './contract/valuation';
export * from './contract/duties';
export * from './contract/admin';
export * from './contract/lots';
export * from './contract/files';
export * from './contract/bidding';
export * from './contract/notifications';
export * from './contract/finance';
export * from './contract/platform';
export * from './contract/live';
export * from './contract/routes';
export * from './contract/call';
export * from './contract/check';
export * from './contract/endpoints';
