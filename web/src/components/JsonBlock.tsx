import { Code } from '@mantine/core';

/** Pretty-printed JSON, always left-to-right even in Arabic. */
export function JsonBlock({ value }: { value: unknown }) {
  return (
    <Code
      block
      dir="ltr"
      fz="xs"
      style={{ maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}
