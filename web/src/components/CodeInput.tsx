import { TextInput, type TextInputProps } from '@mantine/core';
import { useState, type FormEvent } from 'react';

interface CodeInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** `totp`: 6 digits only. `recovery`: free text such as abcd-efgh-ijkl. */
  mode?: 'totp' | 'recovery';
}

/**
 * One plain input rather than six boxes: it works with password managers'
 * one-time-code autofill and pasting, and is easy to drive from tests.
 */
export function CodeInput({ value, onChange, mode = 'totp', ...props }: CodeInputProps) {
  const totp = mode === 'totp';
  return (
    <TextInput
      {...props}
      value={value}
      onChange={(event) =>
        onChange(totp ? event.currentTarget.value.replace(/\D/g, '').slice(0, 6) : event.currentTarget.value)
      }
      inputMode={totp ? 'numeric' : 'text'}
      autoComplete="one-time-code"
      autoCapitalize="off"
      spellCheck={false}
      maxLength={totp ? 6 : 32}
      placeholder={totp ? '000000' : 'xxxx-xxxx-xxxx'}
      dir="ltr"
      styles={{
        input: {
          fontFamily: 'var(--mantine-font-family-monospace)',
          letterSpacing: totp ? '0.3em' : '0.05em',
        },
      }}
    />
  );
}

export const isCompleteTotp = (code: string) => /^\d{6}$/.test(code);

/**
 * A form asking for one authenticator code: the code as typed, whether it is complete (six digits),
 * and an onSubmit handler that hands it to `onCode` only then.
 */
export function useTotpForm(onCode: (code: string) => void) {
  const [code, setCode] = useState('');
  const complete = isCompleteTotp(code);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete) onCode(code);
  };
  return { code, setCode, complete, submit };
}
