import { Balances } from './balances';
import { Proceeds } from './proceeds';

/** Money owed by buyers, and the proceeds owed to the courts once they are paid. */
export function BalancesTab() {
  return (
    <>
      <Balances />
      <Proceeds />
    </>
  );
}
