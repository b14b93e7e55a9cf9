import { type CSSVariablesResolver, MantineProvider, createTheme } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { isApiError } from "@/lib/api-error";

const theme = createTheme({ primaryColor: "violet", defaultRadius: "md" });
/** Mantine's default dimmed grey misses WCAG AA contrast on white: one shade darker passes. */
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)" },
  dark: {},
});

/** A refusal (4xx) is the answer; only 5xx and network failures are worth a retry. */
function shouldRetry(failures: number, error: unknown): boolean {
  if (isApiError(error) && error.status < 500) return false;
  return failures < 2;
}

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: shouldRetry, refetchOnWindowFocus: false } },
});

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrast} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
