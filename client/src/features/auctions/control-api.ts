import { useState } from 'react';
import type { LotView } from '../../../../shared/api';
import { api } from '../../api';

/**
 * Posts one action on a lot. On success it hands the new lot and a message up and closes the form; on
 * failure it keeps the form open with the error, so the clerk can correct and send again.
 */
export function useLotAction(onDone: (next: LotView, message: string) => void, onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (path: string, body: object, message: (next: LotView) => string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<LotView>(path, { body });
      onDone(next, message(next));
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return { busy, error, run };
}
