import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CodeInput, useTotpForm } from '../../components/CodeInput';
import { FormError } from '../../components/FormError';
import { FormActions } from '../../components/FormActions';

interface CodeConfirmFormProps {
  description: string;
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
  onCancel: () => void;
  testId: string;
}

/** "Prove it's you" step for sensitive 2FA changes: one authenticator code. */
export function CodeConfirmForm({
  description,
  submitLabel,
  danger,
  pending,
  error,
  onSubmit,
  onCancel,
  testId,
}: CodeConfirmFormProps) {
  const { t } = useTranslation();
  const { code, setCode, complete, submit } = useTotpForm(onSubmit);
  return (
    <form onSubmit={submit} data-testid={testId}>
      <Stack gap="xs">
        <Text size="sm">{description}</Text>
        <FormError message={error} />
        <CodeInput
          label={t('mfa.codeLabel')}
          value={code}
          onChange={setCode}
          maw={220}
          autoFocus
          data-testid={`${testId}-code`}
        />
        <FormActions onCancel={onCancel} size="xs">
          <Button
            type="submit"
            size="xs"
            color={danger ? 'red' : undefined}
            loading={pending}
            disabled={!complete}
            data-testid={`${testId}-submit`}
          >
            {submitLabel}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
