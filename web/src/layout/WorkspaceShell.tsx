import { AppShell, Center, Loader } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { useUser } from '../session/useSession';
import { useUserLocaleSync } from '../session/useUserLocaleSync';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';
import { CallBar } from '../pages/telephony/CallBar';

/** Signed-in frame: header, navigation and the live connection around every page. */
export function WorkspaceShell() {
  const [navOpened, nav] = useDisclosure(false);
  useUserLocaleSync(useUser());

  return (
    <RealtimeProvider>
      <AppShell
        header={{ height: 52 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="md"
      >
        <AppShell.Header>
          <AppHeader navOpened={navOpened} onToggleNav={nav.toggle} />
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          <AppNavbar onNavigate={nav.close} />
        </AppShell.Navbar>
        <AppShell.Main>
          {/* The live call (and its screen pop and outcome prompt) over every page. */}
          <CallBar />
          <Suspense
            fallback={
              <Center py="xl">
                <Loader size="sm" />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </RealtimeProvider>
  );
}
