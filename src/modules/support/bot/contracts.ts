import { z } from 'zod';
import { int, uuid } from '../../../core/primitives.js';
import { languageCode } from '../conversations/contracts.js';

// Request schemas of the FAQ bot (the answers are in src/shared/contracts/support.ts).

/** A PATCH-like PUT: the fields sent change, the others stay. */
export const botSettingsInput = z
  .strictObject({
    enabled: z.boolean().optional(),
    threshold: int({ min: 0, max: 100 }).optional(),
  })
  .refine((v) => v.enabled !== undefined || v.threshold !== undefined, {
    message: 'Send enabled or threshold',
    path: ['enabled'],
  });

export const handoverInput = z.strictObject({ conversationId: uuid(), language: languageCode().optional() });
