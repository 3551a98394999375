import { Autocomplete, Button, Modal, SimpleGrid, TagsInput, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { useClientDuplicates, useCreateLead } from '../../../api/clients';
import type { DuplicateMatch, LeadInput } from '../../../../../src/shared/contracts/clients';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { fieldBinder, useFormState } from '../../../components/useFormState';
import {
  isEmail,
  isPhone,
  LIMITS,
  normalisePhone,
  useLengthLimit,
  useRules,
} from '../../../components/validation';
import { CodeAutocomplete } from '../components/CodeInputs';
import { DuplicateMatches } from '../components/DuplicateMatches';
import { FormActions } from '../../../components/FormActions';
import { FormBody } from '../../../components/FormModal';

interface LeadForm {
  name: string;
  email: string;
  phone: string;
  country: string;
  language: string;
  source: string;
  tags: string[];
}

const EMPTY: LeadForm = {
  name: '',
  email: '',
  phone: '',
  country: '',
  language: '',
  source: 'phone',
  tags: [],
};
export const LEAD_SOURCES = ['phone', 'office', 'website', 'referral', 'event'];

function toInput(values: LeadForm, allowDuplicatePhone: boolean): LeadInput {
  const orNull = (value: string) => value.trim() || null;
  return {
    name: values.name.trim(),
    email: orNull(values.email),
    phone: orNull(values.phone),
    country: orNull(values.country),
    language: orNull(values.language),
    source: values.source.trim() || 'phone',
    tags: values.tags,
    allowDuplicatePhone,
  };
}

/** A lead taken by phone or in the office. Warns about duplicates while typing; the server has the last word. */
export function NewLeadModal({
  opened,
  onClose,
  initialPhone,
}: {
  opened: boolean;
  onClose: () => void;
  /** Prefilled (an inbound call from an unknown number offers "create lead"). */
  initialPhone?: string;
}) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const navigate = useNavigate();
  const rules = useRules();
  const limit = useLengthLimit();
  // Every wrong field is named at once, before anything is sent.
  const form = useFormState<LeadForm>(EMPTY, {
    name: [rules.required(), rules.maxLength(LIMITS.name)],
    email: [
      (_, v) => (!v.email.trim() && !v.phone.trim() ? t('clients.lead.contactRequired') : null),
      rules.email(),
    ],
    phone: [rules.phone()],
    source: [rules.maxLength(80)],
  });
  const { reset } = form;
  const [conflict, setConflict] = useState<DuplicateMatch[] | null>(null);

  useEffect(() => {
    if (!opened) return;
    reset(initialPhone ? { ...EMPTY, phone: initialPhone } : EMPTY);
    setConflict(null);
  }, [opened, reset, initialPhone]);

  // Early warning: ask about duplicates once the email or phone looks complete.
  const [typedEmail] = useDebouncedValue(form.values.email.trim(), 400);
  const [typedPhone] = useDebouncedValue(form.values.phone, 400);
  const email = isEmail(typedEmail) ? typedEmail.toLowerCase() : null;
  const phone = isPhone(typedPhone) ? normalisePhone(typedPhone) : null;
  const duplicates = useClientDuplicates(email, phone, opened);

  const create = useCreateLead({
    onSuccess: (client) => {
      notifications.show({ color: 'teal', message: t('clients.lead.created', { name: client.name }) });
      onClose();
      navigate(`/clients/${client.id}`);
    },
    onError: (error) => {
      // Saved, but the automatic assignment placed it outside what this person may see.
      if (isApiError(error) && error.status === 404) {
        notifications.show({ color: 'yellow', message: t('clients.lead.createdOutOfScope') });
        onClose();
        return;
      }
      if (isApiError(error) && error.code === 'duplicate_client' && Array.isArray(error.details.matches)) {
        setConflict(error.details.matches as DuplicateMatch[]);
        form.clearErrors();
        return;
      }
      form.showError(error, toMessage);
    },
  });

  const setField = <K extends keyof LeadForm>(key: K, value: LeadForm[K]) => {
    form.setField(key, value);
    if (key === 'email' || key === 'phone') setConflict(null);
  };
  const bind = fieldBinder(form.values, form.errors, setField);

  const submit = form.handleSubmit(() => {
    setConflict(null);
    create.mutate(toInput(form.values, false));
  });

  // Emails are unique; a shared phone (family, office line) may be allowed on purpose.
  const phoneOnly =
    conflict !== null && conflict.length > 0 && conflict.every((m) => !m.matchedOn.includes('email'));
  const warning = !conflict && duplicates.data && duplicates.data.length > 0 ? duplicates.data : null;

  return (
    <Modal opened={opened} onClose={onClose} title={t('clients.lead.title')} size="lg">
      <FormBody onSubmit={submit} error={form.formError} testId="lead-form">
        <TextInput
          label={t('clients.fields.name')}
          {...bind.text('name')}
          description={limit(form.values.name, LIMITS.name).hint}
          required
          data-autofocus
          data-testid="lead-form-name"
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
          <TextInput
            label={t('clients.fields.email')}
            type="email"
            dir="ltr"
            {...bind.text('email')}
            autoComplete="off"
            data-testid="lead-form-email"
          />
          <TextInput
            label={t('clients.fields.phone')}
            type="tel"
            dir="ltr"
            placeholder="+44 20 7946 0958"
            {...bind.text('phone')}
            autoComplete="off"
            data-testid="lead-form-phone"
          />
          {(['country', 'language'] as const).map((kind) => (
            <CodeAutocomplete
              key={kind}
              kind={kind}
              label={t(`clients.fields.${kind}`)}
              placeholder={kind === 'country' ? 'GB' : 'en'}
              {...bind.value(kind)}
              data-testid={`lead-form-${kind}`}
            />
          ))}
          <Autocomplete
            label={t('clients.fields.source')}
            data={LEAD_SOURCES}
            {...bind.value('source')}
            data-testid="lead-form-source"
          />
          <TagsInput
            label={t('clients.fields.tags')}
            {...bind.value('tags')}
            maxTags={20}
            acceptValueOnBlur
            clearable
            data-testid="lead-form-tags"
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('clients.lead.hint')}
        </Text>

        {conflict && conflict.length > 0 && (
          <DuplicateMatches matches={conflict} kind="conflict" onOpen={onClose}>
            <Text size="sm" mt={6}>
              {phoneOnly ? t('clients.duplicates.phoneOnly') : t('clients.duplicates.emailTaken')}
            </Text>
            {phoneOnly && (
              <Button
                size="xs"
                mt={6}
                color="orange"
                loading={create.isPending && create.variables?.allowDuplicatePhone === true}
                onClick={() => create.mutate(toInput(form.values, true))}
                data-testid="lead-create-anyway"
              >
                {t('clients.duplicates.createAnyway')}
              </Button>
            )}
          </DuplicateMatches>
        )}
        {warning && <DuplicateMatches matches={warning} kind="warning" onOpen={onClose} />}

        <FormActions onCancel={onClose}>
          <Button
            type="submit"
            loading={create.isPending && create.variables?.allowDuplicatePhone === false}
            data-testid="lead-form-submit"
          >
            {t('clients.lead.submit')}
          </Button>
        </FormActions>
      </FormBody>
    </Modal>
  );
}
