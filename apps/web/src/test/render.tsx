import { MantineProvider } from "@mantine/core";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { theme } from "../theme";

/** Renders inside the same Mantine theme as the app; i18n is set up by the test setup. */
export const renderWithProviders = (ui: ReactElement) =>
  render(<MantineProvider theme={theme}>{ui}</MantineProvider>);
