import type { QueryClient } from "@tanstack/react-query";

/** After assets changed (edited, filed, trashed): every list, count and tag that shows them. */
export async function libraryChanged(client: QueryClient): Promise<void> {
  await Promise.all(
    [["assets"], ["collections"], ["tags"], ["trash"], ["library", "stats"]].map((queryKey) =>
      client.invalidateQueries({ queryKey }),
    ),
  );
}
