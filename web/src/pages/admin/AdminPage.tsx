import { Placeholder } from '../../components/Placeholder.js';

/** Admin console (users, channels, ring groups, settings, billing). Routed; built separately. */
export function AdminPage() {
  return <Placeholder page="admin" />;
}
