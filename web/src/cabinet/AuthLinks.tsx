import { Anchor, Group, Text, TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** "No account yet? Register" under a sign-in form, and the other way round. */
export function AuthSwitch({
  question,
  label,
  to,
  testId,
}: {
  question: string;
  label: string;
  to: string;
  testId: string;
}) {
  return (
    <Group gap={6} justify="center">
      <Text size="sm" c="dimmed">
        {question}
      </Text>
      <Anchor component={Link} to={to} size="sm" data-testid={testId}>
        {label}
      </Anchor>
    </Group>
  );
}

/** A contact field: typed for the browser's autofill and the phone's keyboard, left-to-right always. */
function ContactInput({ type, ...props }: TextInputProps & { type: 'email' | 'tel' }) {
  return <TextInput type={type} autoComplete={type} dir="ltr" {...props} />;
}

/** The trader's email address field. */
export function EmailInput(props: Omit<TextInputProps, 'type'>) {
  const { t } = useTranslation();
  return (
    <ContactInput
      type="email"
      label={t('cabinet.fields.email')}
      placeholder={t('cabinet.fields.emailPlaceholder')}
      {...props}
    />
  );
}

/** The trader's phone field (international format, said in its hint). */
export function PhoneInput(props: Omit<TextInputProps, 'type'>) {
  const { t } = useTranslation();
  return (
    <ContactInput
      type="tel"
      label={t('cabinet.fields.phone')}
      description={t('cabinet.fields.phoneHint')}
      {...props}
    />
  );
}
