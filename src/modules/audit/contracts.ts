import { z } from 'zod';
import { pagingQuery, text, timestamp, uuid } from '../../core/primitives.js';

export const auditQuery = z.strictObject({
  type: text({ trim: true, max: 100 }).optional(),
  actorId: uuid().optional(),
  subjectId: text({ max: 100 }).optional(),
  from: timestamp().optional(),
  to: timestamp().optional(),
  ...pagingQuery,
});
