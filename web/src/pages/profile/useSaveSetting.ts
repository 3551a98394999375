import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../../api/me';
import { useErrorMessage } from '../../components/useErrorMessage';

/**
 * For the profile's controls that save as soon as they change: `save` sends the change (a "Saved"
 * toast when it lands); while it is `pending`, `saving` is the patch on its way — show it at once, the
 * server copy replaces it on success; `error` is the failure to show under the control.
 */
export function useSaveSetting() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const save = useUpdateMe({
    onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
  });
  return {
    save: save.mutate,
    pending: save.isPending,
    saving: save.isPending ? save.variables : undefined,
    error: save.error ? toMessage(save.error) : null,
  };
}
