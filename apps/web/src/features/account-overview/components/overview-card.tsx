import { Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** One card of the overview: a title and its content, or a dimmed empty state. */
export const OverviewCard = ({ title, children }: { title: string; children: ReactNode }) => (
  <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
    <Stack gap="xs">
      <Title order={3} size="h6" c="dimmed">
        {title}
      </Title>
      {children}
    </Stack>
  </Paper>
);

export const EmptyText = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);
