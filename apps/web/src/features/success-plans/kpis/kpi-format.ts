/** A KPI value with its unit, per the UI locale; a dash when there is none. */
export const formatKpiValue = (
  value: number | undefined | null,
  unit: string | undefined,
  locale: string,
) =>
  value === undefined || value === null
    ? "—"
    : `${new Intl.NumberFormat(locale).format(value)}${unit ?? ""}`;
