// The payments value lists (zod-free) for the web app's pages.
export * from '../../../src/shared/payments';
