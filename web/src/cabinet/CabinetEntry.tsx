import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';

// The cabinet is its own lazily loaded chunk: the staff workspace never downloads it.
const CabinetApp = lazy(() => import('./CabinetApp'));

export function CabinetEntry() {
  return (
    <Suspense
      fallback={
        <Center h="100vh">
          <Loader />
        </Center>
      }
    >
      <CabinetApp />
    </Suspense>
  );
}
