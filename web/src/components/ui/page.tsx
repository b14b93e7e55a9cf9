import { Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** One page's frame: its title, what it is for, then its content. */
export function Page({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Stack gap="md" component="section" aria-labelledby="page-title">
      <div>
        <Title order={1} id="page-title" size="h2">
          {title}
        </Title>
        <Text c="dimmed">{intro}</Text>
      </div>
      {children}
    </Stack>
  );
}
