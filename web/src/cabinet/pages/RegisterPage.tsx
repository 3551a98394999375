import { Button, Checkbox, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useFormState } from '../../components/useFormState';
import { LIMITS, useLengthLimit, useRules } from '../../components/validation';
import type { Attribution, RegistrationInput } from '../../../../src/shared/contracts/cabinet';
import { useCabinetRegister } from '../api';
import { captureAttribution } from '../attribution';
import { AuthCard } from '../AuthCard';
import { AuthSwitch, EmailInput, PhoneInput } from '../AuthLinks';
import { CodeSelect } from '../CodeSelect';
import { browserLanguage } from '../options';
import { useCabinetError } from '../useCabinetError';
import { FormBody } from '../../components/FormModal';

type RegisterForm = Omit<RegistrationInput, keyof Attribution>;

/** Situation 1: a visitor opens a cabinet; the campaign that brought them travels with the form. */
export function RegisterPage() {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const navigate = useNavigate();
  const location = useLocation();
  // Read once per visit: the URL of the landing page is what counts.
  const attribution = useMemo(() => captureAttribution(location.search), [location.search]);
  const rules = useRules();
  const limit = useLengthLimit();
  const field = (name: keyof RegisterForm) => t(`cabinet.errors.fields.${name}`);
  const form = useFormState<RegisterForm>(
    {
      name: '',
      email: '',
      phone: '',
      // Never guessed from the browser's region: an unknown country is better than a wrong one.
      country: null,
      language: browserLanguage(),
      password: '',
      acceptTerms: false,
      acceptRisk: false,
    },
    {
      name: [rules.required(), rules.maxLength(LIMITS.name)],
      email: [rules.required(), rules.email(field('email'))],
      phone: [rules.required(), rules.phone(field('phone'))],
      password: [
        rules.required(),
        rules.minLength(LIMITS.password.min, field('password')),
        rules.maxLength(LIMITS.password.max),
      ],
      acceptTerms: [rules.required(t('cabinet.register.termsRequired'))],
      acceptRisk: [rules.required(t('cabinet.register.riskRequired'))],
    },
  );
  const { values, errors } = form;
  /** A required text field of the form. */
  const bind = (key: 'name' | 'email' | 'phone' | 'password') => ({
    ...form.textField(key),
    required: true,
    'data-testid': `cab-reg-${key}`,
  });

  const register = useCabinetRegister({
    onSuccess: () => {
      navigate('/cabinet', { replace: true });
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) =>
    register.mutate({
      name: values.name.trim(),
      email: values.email.trim(),
      phone: values.phone.trim(),
      country: values.country,
      language: values.language,
      password: values.password,
      acceptTerms: values.acceptTerms,
      acceptRisk: values.acceptRisk,
      ...attribution,
    }),
  );

  return (
    <AuthCard
      title={t('cabinet.register.title')}
      subtitle={t('cabinet.register.subtitle')}
      width={560}
      testId="cab-register"
    >
      <FormBody onSubmit={submit} error={form.formError} errorTestId="cab-reg-error">
        <TextInput
          label={t('cabinet.fields.name')}
          placeholder={t('cabinet.fields.namePlaceholder')}
          autoComplete="name"
          {...bind('name')}
          description={limit(values.name, LIMITS.name).hint}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <EmailInput {...bind('email')} />
          <PhoneInput placeholder={t('cabinet.fields.phonePlaceholder')} {...bind('phone')} />
          {(['country', 'language'] as const).map((key) => (
            <CodeSelect
              key={key}
              kind={key}
              placeholder={t(`cabinet.fields.${key}Placeholder`)}
              {...form.valueField(key)}
              clearable
              autoComplete="off"
              data-testid={`cab-reg-${key}`}
            />
          ))}
        </SimpleGrid>
        <PasswordInput
          label={t('cabinet.fields.password')}
          description={t('cabinet.fields.passwordHint')}
          autoComplete="new-password"
          {...bind('password')}
        />
        {(['terms', 'risk'] as const).map((consent) => {
          const key = consent === 'terms' ? 'acceptTerms' : 'acceptRisk';
          return (
            <Checkbox
              key={consent}
              label={t(`cabinet.register.${consent}`)}
              checked={values[key]}
              onChange={(e) => form.setField(key, e.currentTarget.checked)}
              error={errors[key]}
              data-testid={`cab-reg-${consent}`}
            />
          );
        })}
        <Button type="submit" fullWidth loading={register.isPending} data-testid="cab-reg-submit">
          {t('cabinet.register.submit')}
        </Button>
        <AuthSwitch
          question={t('cabinet.register.haveAccount')}
          label={t('cabinet.register.signIn')}
          to="/cabinet/login"
          testId="cab-to-login"
        />
      </FormBody>
    </AuthCard>
  );
}
