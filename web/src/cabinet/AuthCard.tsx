import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The centred card of the cabinet's public pages (register, sign in, confirm, reset). */
export function AuthCard({
  title,
  subtitle,
  children,
  width = 420,
  testId,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  width?: number;
  testId?: string;
}) {
  return (
    <Center py={{ base: 'md', sm: 'xl' }}>
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={width} data-testid={testId}>
        <Stack gap={4} mb="md">
          <Title order={1} fz="h3">
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          )}
        </Stack>
        {children}
      </Paper>
    </Center>
  );
}
