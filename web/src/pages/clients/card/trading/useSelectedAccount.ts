import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { AccountView } from '../../../../../../src/shared/contracts/trading';

/** Live and online first: that is the account a manager most likely wants to look at. */
function defaultAccount(accounts: AccountView[]): AccountView | undefined {
  return (
    accounts.find((a) => a.kind === 'live' && a.online) ??
    accounts.find((a) => a.kind === 'live') ??
    accounts[0]
  );
}

/**
 * The account shown on the card lives in the address (`?account=`), so a reload or a shared link
 * keeps it and the alert strip can point at an account. The router state (the list's "back" link)
 * is carried over.
 */
export function useSelectedAccount(accounts: AccountView[] | undefined) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const wanted = params.get('account');
  const selected =
    accounts?.find((a) => a.id === wanted) ?? (accounts ? defaultAccount(accounts) : undefined);

  const select = useCallback(
    (accountId: string) => {
      const next = new URLSearchParams(location.search);
      next.set('account', accountId);
      void navigate({ search: `?${next.toString()}` }, { replace: true, state: location.state as unknown });
    },
    [navigate, location.search, location.state],
  );

  return { selected, select };
}
