import { http } from '../../api/client';
import type { ChatToken } from '../../../../src/shared/contracts/support';
import type { CallbackRequested } from '../../../../src/shared/contracts/support-callbacks';
import { quiet, signedIn } from '../api';

/** The cabinet's side of the support chat: the signed token that identifies the trader to it. */
export const cabinetSupportApi = {
  chatToken: () => signedIn(http.get<ChatToken>('/api/cabinet/support/chat-token', quiet)),
  /** A callback request: the number and language default to the trader's record. */
  requestCallback: (input: { number?: string; language?: string; preferredAt?: string }) =>
    signedIn(http.post<CallbackRequested>('/api/cabinet/support/callback', input, quiet)),
};
