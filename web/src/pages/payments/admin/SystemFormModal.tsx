import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Switch,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavePaymentSystem } from '../../../api/payments';
import type { PaymentSystemInput, PaymentSystemView } from '../../../api/paymentTypes';
import {
  PAYMENT_CURRENCIES,
  PAYMENT_DIRECTIONS,
  PAYMENT_METHODS,
  PAYMENT_SYSTEM_KINDS,
  type PaymentDirection,
  type PaymentMethod,
  type PaymentSystemKind,
} from '../../../api/paymentValues';
import { FormActions } from '../../../components/FormActions';
import { FormModal, NameInput } from '../../../components/FormModal';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { usePaymentsError } from '../usePaymentsError';
import { useFormState } from '../../../components/useFormState';
import { useRules } from '../../../components/validation';
import { CodeTagsInput } from '../../clients/components/CodeInputs';
import { InstructionsField } from './InstructionsField';
import { minorToInput, parseMinor } from '../paymentFormat';

/** The form's values: amounts as typed (decimal, in the first currency's units), converted on save. */
interface SystemForm {
  name: string;
  kind: PaymentSystemKind;
  method: PaymentMethod;
  currencies: string[];
  countries: string[];
  directions: PaymentDirection[];
  minAmount: string;
  maxAmount: string;
  feePercent: number | string;
  feeFixed: string;
  sortOrder: number | string;
  /** Per UI language; the trader sees theirs (or English). */
  instructions: Record<string, string>;
  enabled: boolean;
}

const EMPTY: SystemForm = {
  name: '',
  kind: 'manual',
  method: 'bank_wire',
  currencies: ['USD'],
  countries: [],
  directions: ['deposit'],
  minAmount: '10.00',
  maxAmount: '10000.00',
  feePercent: 0,
  feeFixed: '0',
  sortOrder: 0,
  instructions: {},
  enabled: true,
};

const fromSystem = (s: PaymentSystemView): SystemForm => {
  const unit = s.currencies[0] ?? 'USD';
  return {
    name: s.name,
    kind: s.kind,
    method: s.method,
    currencies: s.currencies,
    countries: s.countries,
    directions: s.directions,
    minAmount: minorToInput(s.minAmount, unit),
    maxAmount: s.maxAmount === null ? '' : minorToInput(s.maxAmount, unit),
    // Basis points on the wire, percent in the form.
    feePercent: s.feePercent / 100,
    feeFixed: minorToInput(s.feeFixed, unit),
    sortOrder: s.sortOrder,
    instructions: s.instructions,
    enabled: s.enabled,
  };
};

interface SystemFormModalProps {
  opened: boolean;
  /** null creates a new system. */
  system: PaymentSystemView | null;
  onClose: () => void;
}

export function SystemFormModal({ opened, system, onClose }: SystemFormModalProps) {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useErrorMessage());
  const rules = useRules();
  const unit = (values: SystemForm) => values.currencies[0] ?? 'USD';
  const amount = (optional: boolean) => (value: string, values: SystemForm) =>
    (optional && String(value).trim() === '0') || parseMinor(value, unit(values)) !== null
      ? null
      : t('payments.systems.badAmount');
  const form = useFormState<SystemForm>(EMPTY, {
    name: [rules.required(), rules.maxLength(100)],
    currencies: [(v) => (v.length ? null : t('payments.systems.needCurrency'))],
    directions: [(v) => (v.length ? null : t('payments.systems.needDirection'))],
    minAmount: [amount(false)],
    // Empty = no maximum.
    maxAmount: [
      (v, values) =>
        !v.trim() || parseMinor(v, unit(values)) !== null ? null : t('payments.systems.badAmount'),
      (v, values) =>
        v.trim() && (parseMinor(v, unit(values)) ?? 0) < (parseMinor(values.minAmount, unit(values)) ?? 0)
          ? t('payments.systems.maxBelowMin')
          : null,
    ],
    feeFixed: [amount(true)],
    instructions: [
      (v) => (Object.values(v).some((text) => text.length > 4000) ? t('form.tooLong', { max: 4000 }) : null),
    ],
  });
  const { reset } = form;
  useEffect(() => {
    if (opened) reset(system ? fromSystem(system) : EMPTY);
  }, [opened, system, reset]);

  const save = useSavePaymentSystem({
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('payments.systems.saved') });
      onClose();
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((v) => {
    const c = unit(v);
    const input: PaymentSystemInput = {
      name: v.name.trim(),
      kind: v.kind,
      method: v.method,
      provider: v.kind === 'automatic' ? (system?.provider ?? 'sim') : null,
      currencies: v.currencies,
      countries: v.countries,
      directions: v.directions,
      minAmount: parseMinor(v.minAmount, c) ?? 0,
      maxAmount: v.maxAmount.trim() ? (parseMinor(v.maxAmount, c) ?? 0) : null,
      feePercent: Math.round(Number(v.feePercent || 0) * 100),
      feeFixed: String(v.feeFixed).trim() === '0' ? 0 : (parseMinor(v.feeFixed, c) ?? 0),
      sortOrder: Number(v.sortOrder || 0),
      instructions: Object.fromEntries(
        Object.entries(v.instructions)
          .map(([lang, text]) => [lang, text.trim()])
          .filter(([, text]) => text),
      ),
      enabled: v.enabled,
    };
    save.mutate({ id: system?.id ?? null, input });
  });

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={system ? t('payments.systems.editTitle') : t('payments.systems.createTitle')}
      testId="system-form"
      onSubmit={submit}
      formError={form.formError}
    >
      <NameInput label={t('payments.systems.name')} {...form.textField('name')} testId="system-form-name" />
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('payments.systems.kind')}
          data={PAYMENT_SYSTEM_KINDS.map((k) => ({ value: k, label: t(`payments.kind.${k}`) }))}
          value={form.values.kind}
          onChange={(v) => v && form.setField('kind', v as PaymentSystemKind)}
          allowDeselect={false}
          data-testid="system-form-kind"
        />
        <Select
          label={t('payments.systems.method')}
          data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payments.method.${m}`) }))}
          value={form.values.method}
          onChange={(v) => v && form.setField('method', v as PaymentMethod)}
          allowDeselect={false}
          data-testid="system-form-method"
        />
        <MultiSelect
          label={t('payments.systems.currencies')}
          description={t('payments.systems.currenciesHint')}
          data={[...PAYMENT_CURRENCIES]}
          searchable
          {...form.valueField('currencies')}
          data-testid="system-form-currencies"
        />
        <CodeTagsInput
          kind="country"
          label={t('payments.systems.countries')}
          description={t('payments.systems.countriesHint')}
          {...form.valueField('countries')}
          data-testid="system-form-countries"
        />
        <TextInput
          label={t('payments.systems.min')}
          {...form.textField('minAmount')}
          data-testid="system-form-min"
        />
        <TextInput
          label={t('payments.systems.max')}
          {...form.textField('maxAmount')}
          data-testid="system-form-max"
        />
        <NumberInput
          label={t('payments.systems.feePercent')}
          min={0}
          max={100}
          decimalScale={2}
          {...form.valueField('feePercent')}
          data-testid="system-form-fee-percent"
        />
        <TextInput
          label={t('payments.systems.feeFixed')}
          {...form.textField('feeFixed')}
          data-testid="system-form-fee-fixed"
        />
        <NumberInput
          label={t('payments.systems.order')}
          min={0}
          max={10000}
          allowDecimal={false}
          {...form.valueField('sortOrder')}
          data-testid="system-form-order"
        />
        <Checkbox.Group
          label={t('payments.systems.directions')}
          {...form.valueField('directions')}
          onChange={(v) => form.setField('directions', v as PaymentDirection[])}
        >
          <Group gap="md" mt={6}>
            {PAYMENT_DIRECTIONS.map((d) => (
              <Checkbox
                key={d}
                value={d}
                label={t(`payments.direction.${d}`)}
                data-testid={`system-form-${d}`}
              />
            ))}
          </Group>
        </Checkbox.Group>
      </SimpleGrid>
      <InstructionsField
        value={form.values.instructions}
        error={form.errors.instructions}
        onChange={(value) => form.setField('instructions', value)}
      />
      <Switch
        label={t('payments.systems.enabled')}
        checked={form.values.enabled}
        onChange={(e) => form.setField('enabled', e.currentTarget.checked)}
        data-testid="system-form-enabled"
      />
      <FormActions onCancel={onClose} mt="xs">
        <Button type="submit" loading={save.isPending} data-testid="system-form-submit">
          {system ? t('common.saveChanges') : t('common.create')}
        </Button>
      </FormActions>
    </FormModal>
  );
}
