import { http } from '../../api/client';
import type { ChatToken } from '../../../../src/shared/contracts/support';
import { quiet, signedIn } from '../api';

/** The cabinet's side of the support chat: the signed token that identifies the trader to it. */
export const cabinetSupportApi = {
  chatToken: () => signedIn(http.get<ChatToken>('/api/cabinet/support/chat-token', quiet)),
};
