import {
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Switch,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../../src/shared/contracts/identity';
import { LIMITS, useLengthLimit, useRules, type Rules } from '../../../components/validation';
import { TeamSelect } from '../../../components/TeamSelect';
import { fieldBinder } from '../../../components/useFormState';
import { useLanguageOptions, useRoleOptions } from './options';

export interface StaffFormValues {
  name: string;
  email: string;
  password: string;
  role: Role;
  teamId: string | null;
  languages: string[];
  active: boolean;
  /** Round-robin weight; the server default is 10. '' while the field is being retyped. */
  capacity: number | '';
  absent: boolean;
}

/** The capacity to send: an emptied field means the default. */
export const DEFAULT_CAPACITY = 10;
export const capacityOf = (values: Pick<StaffFormValues, 'capacity'>): number =>
  values.capacity === '' ? DEFAULT_CAPACITY : values.capacity;

export const EMPTY_STAFF_FORM: StaffFormValues = {
  name: '',
  email: '',
  password: '',
  role: 'support_agent',
  teamId: null,
  languages: [],
  active: true,
  capacity: DEFAULT_CAPACITY,
  absent: false,
};

/** The server's staff limits (identity/contracts.ts), checked all at once before saving. */
export const STAFF_NAME_MAX = 120;
export function useStaffRules(mode: 'create' | 'edit'): Rules<StaffFormValues> {
  const rules = useRules();
  return {
    name: [rules.required(), rules.maxLength(STAFF_NAME_MAX)],
    email: [rules.required(), rules.email(), rules.maxLength(LIMITS.email)],
    ...(mode === 'create'
      ? {
          password: [
            rules.required(),
            rules.minLength(LIMITS.password.min),
            rules.maxLength(LIMITS.password.max),
          ],
        }
      : {}),
  };
}

interface StaffFormFieldsProps {
  values: StaffFormValues;
  errors: Partial<Record<keyof StaffFormValues, string>>;
  setField: <K extends keyof StaffFormValues>(key: K, value: StaffFormValues[K]) => void;
  /** The create form sets an initial password and the active flag; the edit form has separate actions for those. */
  mode: 'create' | 'edit';
}

/** Fields shared by the "new staff member" modal and the edit drawer. */
export function StaffFormFields({ values, errors, setField, mode }: StaffFormFieldsProps) {
  const bind = fieldBinder(values, errors, setField);
  const { t } = useTranslation();
  const limit = useLengthLimit();
  const roleOptions = useRoleOptions();
  const languageOptions = useLanguageOptions();

  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
        <TextInput
          label={t('staff.form.name')}
          {...bind.text('name')}
          description={limit(values.name, STAFF_NAME_MAX).hint}
          required
          data-autofocus
          data-testid="staff-form-name"
        />
        <TextInput
          label={t('staff.form.email')}
          type="email"
          dir="ltr"
          {...bind.text('email')}
          required
          autoComplete="off"
          data-testid="staff-form-email"
        />
        <Select
          label={t('staff.form.role')}
          data={roleOptions}
          {...bind.choice('role')}
          required
          data-testid="staff-form-role"
        />
        <TeamSelect
          label={t('staff.form.team')}
          placeholder={t('staff.form.noTeam')}
          {...bind.value('teamId')}
          clearable
          data-testid="staff-form-team"
        />
      </SimpleGrid>
      <MultiSelect
        label={t('staff.form.languages')}
        data={languageOptions}
        {...bind.value('languages')}
        searchable
        clearable
        data-testid="staff-form-languages"
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
        <NumberInput
          label={t('staff.form.capacity')}
          description={t('staff.form.capacityHint')}
          value={values.capacity}
          onChange={(value) => setField('capacity', value === '' ? '' : Number(value))}
          min={0}
          max={1000}
          step={1}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          error={errors.capacity}
          data-testid="staff-form-capacity"
        />
        <Switch
          mt={{ base: 0, xs: 28 }}
          label={t('staff.form.absent')}
          description={t('staff.form.absentHint')}
          {...bind.check('absent')}
          data-testid="staff-form-absent"
        />
      </SimpleGrid>
      {mode === 'create' && (
        <>
          <PasswordInput
            label={t('staff.form.password')}
            description={t('staff.form.passwordHint')}
            {...bind.text('password')}
            required
            autoComplete="new-password"
            data-testid="staff-form-password"
          />
          <Switch label={t('staff.form.active')} {...bind.check('active')} data-testid="staff-form-active" />
        </>
      )}
    </>
  );
}
