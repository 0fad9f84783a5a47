import { Placeholder } from '../../components/Placeholder.js';

/** Supervisors' live view (agents' statuses, waiting calls, today's service level). Routed; built separately. */
export function WallboardPage() {
  return <Placeholder page="wallboard" />;
}
