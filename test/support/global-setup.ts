// Replaced by the database template set-up once the store lands.
export default async function setup(): Promise<void> {}
