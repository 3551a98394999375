/** A failure the client caused or may see: status, a stable machine-readable code, and the field at fault. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Extra, documented fields for the client (e.g. the duplicates a create ran into). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, field?: string) =>
  new AppError(400, code, message, field);
export const unauthorized = (code = 'unauthorized', message = 'Sign in first') =>
  new AppError(401, code, message);
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, field?: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, field, details);
