import { Center, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessages } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAssignConversation,
  useConversation,
  useConversationMessages,
  useConvertConversation,
  useLinkClient,
  useMergeConversation,
  usePatchConversation,
  usePostMessage,
  useSupportAgents,
  useTyping,
} from '../../../api/support';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { can, useUser } from '../../../session/useSession';
import type { ConversationDetail } from '../../../../../src/shared/contracts/support';
import type { MessageVisibility } from '../../../../../src/shared/support';
import { useShortcuts } from '../keyboard';
import classes from '../support.module.css';
import { ClientPanel } from './ClientPanel';
import { Composer } from './Composer';
import { LinkClientModal, MergeModal } from './ConversationDialogs';
import { ConversationHeader, type HeaderAction } from './ConversationHeader';
import { MessageList } from './MessageList';

function TypingLine({ conversationId, myId }: { conversationId: string; myId: string }) {
  const { t } = useTranslation();
  const typing = useTyping(conversationId, myId);
  const names = typing.map((v) => v.name ?? (v.kind === 'customer' ? t('support.message.customer') : '?'));
  return (
    <Text fz="xs" c="dimmed" px="sm" h={18} aria-live="polite" data-testid="typing">
      {names.length > 0 ? t('support.typing', { names: names.join(', ') }) : ''}
    </Text>
  );
}

function Open({ conversation: c }: { conversation: ConversationDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const toMessage = useErrorMessage();
  const fail = (error: unknown) => notifications.show({ color: 'red', message: toMessage(error) });
  const ok = (message: string) => notifications.show({ color: 'teal', message });
  const [mode, setMode] = useState<MessageVisibility>('public');
  const [dialog, setDialog] = useState<'merge' | 'link' | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const messages = useConversationMessages(c.id);
  const agents = useSupportAgents();
  const post = usePostMessage(c.id, { onError: fail });
  const patch = usePatchConversation(c.id, { onError: fail });
  const assign = useAssignConversation(c.id, { onError: fail });
  const link = useLinkClient(c.id, {
    onError: fail,
    onSuccess: (_d, clientId) => {
      setDialog(null);
      ok(
        t(
          clientId === null
            ? 'support.done.unlinked'
            : clientId === 'new'
              ? 'support.done.created'
              : 'support.done.linked',
        ),
      );
    },
  });
  const merge = useMergeConversation(c.id, {
    onError: fail,
    onSuccess: () => {
      setDialog(null);
      ok(t('support.done.merged'));
    },
  });
  const convert = useConvertConversation(c.id, {
    onError: fail,
    onSuccess: () => ok(t('support.done.converted')),
  });

  const focusComposer = (next: MessageVisibility) => {
    setMode(next);
    setTimeout(() => inputRef.current?.focus(), 0);
  };
  // Taking a conversation from another agent is a supervisor's move (the server refuses it otherwise):
  // for everyone else `a` only takes an unassigned one.
  const mayTake = c.assigneeId === null || c.assigneeId === user.id || can(user, 'support.supervise');
  useShortcuts({
    r: () => focusComposer('public'),
    n: () => focusComposer('internal'),
    e: () => patch.mutate({ status: 'resolved' }),
    ...(mayTake ? { a: () => assign.mutate({ assigneeId: user.id }) } : {}),
  });
  const onAction = (action: HeaderAction) => {
    if (action === 'merge' || action === 'link') setDialog(action);
    else if (action === 'convert') convert.mutate();
    else if (action === 'unlink') link.mutate(null);
    else link.mutate('new');
  };

  return (
    <>
      <div className={`${classes.col} ${classes.pane}`}>
        <ConversationHeader
          conversation={c}
          agents={agents.data ?? []}
          myId={user.id}
          onPatch={(p) => patch.mutate(p)}
          onAssign={(assigneeId) => assign.mutate({ assigneeId })}
          onAction={onAction}
        />
        <MessageList items={messages.data} loading={messages.isPending} />
        <TypingLine conversationId={c.id} myId={user.id} />
        <Composer
          key={c.id}
          conversationId={c.id}
          mode={mode}
          onMode={setMode}
          inputRef={inputRef}
          sending={post.isPending}
          disabled={c.status === 'closed' || c.mergedIntoId !== null}
          onSend={(input, clear) => post.mutate(input, { onSuccess: clear })}
        />
      </div>
      <div className={`${classes.col} ${classes.client}`}>
        <ClientPanel conversation={c} onLink={() => setDialog('link')} onCreate={() => link.mutate('new')} />
      </div>
      {dialog === 'merge' && (
        <MergeModal
          opened
          conversation={c}
          onClose={() => setDialog(null)}
          onMerge={(intoId) => merge.mutate(intoId)}
          busy={merge.isPending}
        />
      )}
      {dialog === 'link' && (
        <LinkClientModal
          opened
          initialSearch={c.contactEmail ?? c.contactName ?? ''}
          onClose={() => setDialog(null)}
          onLink={(clientId) => link.mutate(clientId)}
          busy={link.isPending}
        />
      )}
    </>
  );
}

/** The right side of the inbox: the open conversation and its client, or a hint to pick one. */
export function ConversationPane({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const conversation = useConversation(id);
  if (!id || conversation.isError)
    return (
      <div className={classes.col} style={{ gridColumn: 'span 2' }}>
        <Center h="100%">
          <EmptyBlock
            icon={<IconMessages />}
            title={conversation.isError ? t('support.pane.gone') : t('support.pane.pick')}
            description={t('support.pane.hint')}
          />
        </Center>
      </div>
    );
  if (!conversation.data)
    return (
      <div className={classes.col} style={{ gridColumn: 'span 2' }}>
        <Stack p="md" />
      </div>
    );
  return <Open key={conversation.data.id} conversation={conversation.data} />;
}
