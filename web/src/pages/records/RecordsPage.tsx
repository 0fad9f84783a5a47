import { Placeholder } from '../../components/Placeholder.js';

/** Call records and a record's journey (`/records/:id`). Routed; built separately. */
export function RecordsPage({ callId }: { callId: string | null }) {
  return <Placeholder page="records" detail={callId} />;
}
