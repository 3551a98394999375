import { Modal, Stack, type MantineSize } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
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
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={onSubmit} noValidate data-testid={testId}>
        <Stack gap="sm">
          <FormError message={formError} />
          {children}
        </Stack>
      </form>
    </Modal>
  );
}
