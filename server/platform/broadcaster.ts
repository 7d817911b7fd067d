/** Lot events leave the process through this after their transaction commits; realtime.ts implements it. */
export interface Broadcaster {
  lot(lotId: string, event: 'lot:bid' | 'lot:status' | 'lot:closed', payload: object): void;
}
