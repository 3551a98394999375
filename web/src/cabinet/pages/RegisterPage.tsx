import {
  Anchor,
  Button,
  Checkbox,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { FormError } from '../../components/FormError';
import { useFormState } from '../../components/useFormState';
import { LIMITS, useLengthLimit, useRules } from '../../components/validation';
import { useCabinetRegister } from '../api';
import { captureAttribution } from '../attribution';
import { AuthCard } from '../AuthCard';
import { browserLanguage, useCountryOptions, useLanguageOptions } from '../options';
import { useCabinetError } from '../useCabinetError';

interface RegisterForm {
  name: string;
  email: string;
  phone: string;
  country: string | null;
  language: string | null;
  password: string;
  acceptTerms: boolean;
  acceptRisk: boolean;
}

/** Situation 1: a visitor opens a cabinet; the campaign that brought them travels with the form. */
export function RegisterPage() {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const navigate = useNavigate();
  const location = useLocation();
  const countries = useCountryOptions();
  const languages = useLanguageOptions();
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
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError message={form.formError} testId="cab-reg-error" />
          <TextInput
            label={t('cabinet.fields.name')}
            placeholder={t('cabinet.fields.namePlaceholder')}
            autoComplete="name"
            value={values.name}
            onChange={(e) => form.setField('name', e.currentTarget.value)}
            error={errors.name}
            description={limit(values.name, LIMITS.name).hint}
            required
            data-autofocus
            data-testid="cab-reg-name"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('cabinet.fields.email')}
              placeholder={t('cabinet.fields.emailPlaceholder')}
              type="email"
              autoComplete="email"
              dir="ltr"
              value={values.email}
              onChange={(e) => form.setField('email', e.currentTarget.value)}
              error={errors.email}
              required
              data-testid="cab-reg-email"
            />
            <TextInput
              label={t('cabinet.fields.phone')}
              placeholder={t('cabinet.fields.phonePlaceholder')}
              description={t('cabinet.fields.phoneHint')}
              type="tel"
              autoComplete="tel"
              dir="ltr"
              value={values.phone}
              onChange={(e) => form.setField('phone', e.currentTarget.value)}
              error={errors.phone}
              required
              data-testid="cab-reg-phone"
            />
            <Select
              label={t('cabinet.fields.country')}
              placeholder={t('cabinet.fields.countryPlaceholder')}
              data={countries}
              value={values.country}
              onChange={(v) => form.setField('country', v)}
              error={errors.country}
              searchable
              clearable
              nothingFoundMessage={t('cabinet.fields.nothingFound')}
              autoComplete="off"
              comboboxProps={{ withinPortal: true }}
              data-testid="cab-reg-country"
            />
            <Select
              label={t('cabinet.fields.language')}
              placeholder={t('cabinet.fields.languagePlaceholder')}
              data={languages}
              value={values.language}
              onChange={(v) => form.setField('language', v)}
              error={errors.language}
              searchable
              clearable
              nothingFoundMessage={t('cabinet.fields.nothingFound')}
              autoComplete="off"
              comboboxProps={{ withinPortal: true }}
              data-testid="cab-reg-language"
            />
          </SimpleGrid>
          <PasswordInput
            label={t('cabinet.fields.password')}
            description={t('cabinet.fields.passwordHint')}
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => form.setField('password', e.currentTarget.value)}
            error={errors.password}
            required
            data-testid="cab-reg-password"
          />
          <Checkbox
            label={t('cabinet.register.terms')}
            checked={values.acceptTerms}
            onChange={(e) => form.setField('acceptTerms', e.currentTarget.checked)}
            error={errors.acceptTerms}
            data-testid="cab-reg-terms"
          />
          <Checkbox
            label={t('cabinet.register.risk')}
            checked={values.acceptRisk}
            onChange={(e) => form.setField('acceptRisk', e.currentTarget.checked)}
            error={errors.acceptRisk}
            data-testid="cab-reg-risk"
          />
          <Button type="submit" fullWidth loading={register.isPending} data-testid="cab-reg-submit">
            {t('cabinet.register.submit')}
          </Button>
          <Group gap={6} justify="center">
            <Text size="sm" c="dimmed">
              {t('cabinet.register.haveAccount')}
            </Text>
            <Anchor component={Link} to="/cabinet/login" size="sm" data-testid="cab-to-login">
              {t('cabinet.register.signIn')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthCard>
  );
}
