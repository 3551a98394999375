import { Modal, Stack, TextInput, type MantineSize, type TextInputProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './FormError';

interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: MantineSize;
  /** On the form element. */
  testId: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The form-level error, above the fields. */
  formError: string | null;
  children: ReactNode;
}

/** A modal holding one form: the form-level error first, then the fields and buttons. */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  testId,
  onSubmit,
  formError,
  children,
}: FormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <FormBody onSubmit={onSubmit} error={formError} testId={testId}>
        {children}
      </FormBody>
    </Modal>
  );
}

/** A form's body: its error first, then the fields and buttons in a column. */
export function FormBody({
  onSubmit,
  error,
  errorTestId,
  testId,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  error: string | null;
  errorTestId?: string;
  /** On the form element. */
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate data-testid={testId}>
      <Stack gap="sm">
        <FormError message={error} testId={errorTestId} />
        {children}
      </Stack>
    </form>
  );
}

/** The required name field a form starts with (focused when the modal opens). */
export function NameInput({ testId, ...props }: Omit<TextInputProps, 'required'> & { testId: string }) {
  return <TextInput {...props} required data-autofocus data-testid={testId} />;
}
