import { useCallback, useState } from 'react';
import {
  type ClientListColumn,
  DEFAULT_CLIENT_LIST_COLUMNS,
  readColumnChoice,
  toggleColumn,
} from '../../../../../src/shared/client-list';
import { useUser } from '../../../session/useSession';

const storageKey = (userId: string) => `bd.clients.columns.${userId}`;

function read(userId: string): ClientListColumn[] {
  try {
    return readColumnChoice(window.localStorage.getItem(storageKey(userId)));
  } catch {
    return [...DEFAULT_CLIENT_LIST_COLUMNS]; // storage blocked: the default, not an error
  }
}

/** The client list's columns as this person chose them, kept in this browser per person. */
export function useClientColumns() {
  const user = useUser();
  const [columns, setColumns] = useState<ClientListColumn[]>(() => read(user.id));

  const store = useCallback(
    (next: ClientListColumn[]) => {
      setColumns(next);
      try {
        window.localStorage.setItem(storageKey(user.id), JSON.stringify(next));
      } catch {
        // Private mode or full storage: the choice lasts until the page is left.
      }
    },
    [user.id],
  );

  return {
    columns,
    toggle: (column: ClientListColumn) => store(toggleColumn(columns, column)),
    reset: () => store([...DEFAULT_CLIENT_LIST_COLUMNS]),
  };
}
