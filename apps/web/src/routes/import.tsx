import { createRoute } from "@tanstack/react-router";
import { CsvImportPage } from "../features/csv/components/csv-import-page";
import { appLayoutRoute } from "./app-layout";

export const importRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: "/import",
  component: CsvImportPage,
});
