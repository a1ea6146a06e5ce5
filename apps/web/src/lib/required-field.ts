/**
 * Props for a required input: the label with its asterisk, and the same text
 * as aria-label. Mantine's asterisk sits inside the <label> (aria-hidden), so
 * without aria-label the label text reads "Name *" to some tools (Playwright's
 * getByLabel with exact: true); with it, the input's name is just "Name".
 */
export const requiredField = (label: string) =>
  ({ label, required: true, "aria-label": label }) as const;
