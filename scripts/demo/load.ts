/** Demo data: filled in by the demo-data change; kept minimal until the modules exist. */
export async function loadDemoData(_url: string): Promise<boolean> {
  return false;
}
export function demoLogins(): { email: string; roles: string; password: string }[] {
  return [];
}
