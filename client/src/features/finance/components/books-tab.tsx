import { useSearchParams } from 'react-router';
import { Ledger } from './ledger';
import { TrialBalanceCard } from './trial-balance';

/** The trial balance, and any account's entries down to the lot; the account chosen is in the address. */
export function BooksTab() {
  const [params, setParams] = useSearchParams();
  const account = params.get('account');
  const open = (code: string) => { const n = new URLSearchParams(window.location.search); n.set('account', code); setParams(n); };
  return (
    <>
      <TrialBalanceCard onOpen={open} />
      <Ledger account={account} onOpen={open} />
    </>
  );
}
