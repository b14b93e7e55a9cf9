/** The API key the console signs in with, kept in session storage (gone when the tab closes). */

const KEY_NAME = "studio.api-key";
const KEY_SHAPE = /^isk_[A-Za-z0-9_-]{20,}$/;

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_NAME);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_NAME, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_NAME);
}

/** Whether a string looks like a tenant API key (`isk_…`); the API has the last word. */
export function looksLikeKey(key: string): boolean {
  return KEY_SHAPE.test(key.trim());
}
