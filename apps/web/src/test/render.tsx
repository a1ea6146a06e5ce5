import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { theme } from "../theme";

/**
 * Renders inside the same Mantine theme as the app, with a query client of
 * its own (no retries); i18n is set up by the test setup.
 */
export const renderWithProviders = (ui: ReactElement) =>
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        {ui}
      </QueryClientProvider>
    </MantineProvider>,
  );
