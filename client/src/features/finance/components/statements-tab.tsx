import { StatementImportCard } from './statement-import';
import { Unmatched } from './unmatched';

/** Bank statements in, and what they left for a person to decide. */
export function StatementsTab() {
  return (
    <>
      <StatementImportCard />
      <Unmatched />
    </>
  );
}
