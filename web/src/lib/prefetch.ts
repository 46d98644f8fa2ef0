// Requests a page will make, started while the app still asks who is logged in: on a slow
// network each sequential round trip costs as much as the whole download of the scanner.
const started = new Map<string, Promise<unknown>>();

export function prefetch<T>(key: string, load: () => Promise<T>): void {
  const p = load();
  p.catch(() => {}); // the page asks again and sees the error then
  started.set(key, p);
}

export function take<T>(key: string, load: () => Promise<T>): Promise<T> {
  const p = started.get(key) as Promise<T> | undefined;
  started.delete(key);
  return p ? p.catch(() => load()) : load();
}
