import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ComplaintFieldsInput } from '../../api/complaints';
import { FormError } from '../../components/FormError';
import { useFormState } from '../../components/useFormState';
import { useRules } from '../../components/validation';
import { COMPLAINT_CATEGORIES, COMPLAINT_PRODUCTS } from '../../../../src/shared/complaints';
import { PAYMENT_CURRENCIES } from '../../../../src/shared/payments';
import { parseMinor } from '../payments/paymentFormat';

interface Values {
  category: string;
  product: string;
  account: string;
  amountAtStake: string;
  currency: string;
  desiredOutcome: string;
  description: string;
}

/**
 * The fields a regulator requires of a complaint, for staff (raising from a conversation) and the
 * trader (the cabinet form). The amount is typed as a decimal and sent in minor units.
 */
export function ComplaintForm({
  submitLabel,
  pending,
  onSubmit,
  toMessage,
  initialAccount = '',
  testId,
}: {
  submitLabel: string;
  pending: boolean;
  /** `fail` puts an error on the form (a 400's field on its input). */
  onSubmit: (input: ComplaintFieldsInput, fail: (error: unknown) => void) => void;
  toMessage: (error: unknown) => string;
  initialAccount?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const form = useFormState<Values>(
    {
      category: '',
      product: '',
      account: initialAccount,
      amountAtStake: '',
      currency: 'USD',
      desiredOutcome: '',
      description: '',
    },
    {
      category: [rules.required()],
      product: [rules.required()],
      account: [rules.required(), rules.maxLength(40)],
      amountAtStake: [
        (v, vals) =>
          v.trim() === '0' || parseMinor(v, vals.currency) !== null ? null : t('complaints.errors.amount'),
      ],
      desiredOutcome: [rules.required(), rules.maxLength(2000)],
      description: [rules.required(), rules.maxLength(10000)],
    },
  );
  const field = (name: keyof Values) => t(`complaints.fields.${name}`);
  const submit = form.handleSubmit((v) =>
    onSubmit(
      {
        category: v.category as ComplaintFieldsInput['category'],
        product: v.product as ComplaintFieldsInput['product'],
        account: v.account.trim(),
        amountAtStake: v.amountAtStake.trim() === '0' ? 0 : (parseMinor(v.amountAtStake, v.currency) ?? 0),
        currency: v.currency,
        desiredOutcome: v.desiredOutcome.trim(),
        description: v.description.trim(),
      },
      (error) => form.showError(error, toMessage),
    ),
  );
  return (
    <form onSubmit={submit} noValidate data-testid={testId}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={field('category')}
            data={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
            {...form.choiceField('category')}
            data-testid={`${testId}-category`}
            required
          />
          <Select
            label={field('product')}
            data={COMPLAINT_PRODUCTS.map((p) => ({ value: p, label: t(`complaints.product.${p}`) }))}
            {...form.choiceField('product')}
            data-testid={`${testId}-product`}
            required
          />
          <TextInput
            label={field('account')}
            {...form.textField('account')}
            data-testid={`${testId}-account`}
            required
          />
          <Group grow align="flex-start" gap="xs">
            <TextInput
              label={field('amountAtStake')}
              inputMode="decimal"
              {...form.textField('amountAtStake')}
              data-testid={`${testId}-amount`}
              required
            />
            <Select
              label={field('currency')}
              data={[...PAYMENT_CURRENCIES]}
              {...form.choiceField('currency')}
              data-testid={`${testId}-currency`}
            />
          </Group>
        </SimpleGrid>
        <TextInput
          label={field('desiredOutcome')}
          {...form.textField('desiredOutcome')}
          data-testid={`${testId}-outcome`}
          required
        />
        <Textarea
          label={field('description')}
          autosize
          minRows={3}
          {...form.textField('description')}
          data-testid={`${testId}-description`}
          required
        />
        <FormError message={form.formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
