import { type CSSVariablesResolver, MantineProvider, createTheme } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { isApiError } from "@/lib/api-error";

const theme = createTheme({ primaryColor: "violet", defaultRadius: "md" });
const TINTED = ["violet", "gray", "blue", "indigo", "green", "red", "orange", "yellow", "teal"];

/**
 * Mantine's default dimmed grey, and the text of its light and subtle variants (badges, light
 * buttons, alert titles) on their tint, miss WCAG AA contrast: darker shades pass.
 */
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    ...Object.fromEntries(
      TINTED.map((colour) => [
        `--mantine-color-${colour}-light-color`,
        `color-mix(in srgb, var(--mantine-color-${colour}-9) 75%, black)`,
      ]),
    ),
  },
  dark: {},
});

/** A refusal (4xx) is the answer, but for 429: that, 5xx and network failures are retried. */
function shouldRetry(failures: number, error: unknown): boolean {
  if (isApiError(error) && error.status < 500 && error.status !== 429) return false;
  return failures < 3;
}

/** A 429 waits what its `Retry-After` says; other failures back off exponentially. */
function retryDelay(failures: number, error: unknown): number {
  if (isApiError(error) && error.retryAfterS !== null) return error.retryAfterS * 1000;
  return Math.min(1000 * 2 ** failures, 8000);
}

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: shouldRetry, retryDelay, refetchOnWindowFocus: false } },
});

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrast} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
