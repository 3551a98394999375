import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { AppNotifications } from './AppNotifications';
import { DirectionSync } from './DirectionSync';
import { directionOf } from './i18n/languages';
import i18n from './i18n';
import { queryClient } from './queryClient';
import { AppRoutes } from './routes';
import { SessionExpiryHandler } from './session/SessionExpiryHandler';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme';

export function App() {
  return (
    <DirectionProvider initialDirection={directionOf(i18n.language)} detectDirection={false}>
      <DirectionSync />
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        colorSchemeManager={colorSchemeManager}
        defaultColorScheme="light"
      >
        <AppNotifications />
        <QueryClientProvider client={queryClient}>
          <SessionExpiryHandler />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
