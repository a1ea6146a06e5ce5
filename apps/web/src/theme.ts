import { Badge, createTheme } from "@mantine/core";

const fontFamily = [
  "-apple-system",
  "BlinkMacSystemFont",
  '"Segoe UI"',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  "Meiryo",
  "Roboto",
  "Helvetica",
  "Arial",
  "sans-serif",
].join(", ");

export const theme = createTheme({
  primaryColor: "indigo",
  fontFamily,
  headings: { fontFamily, fontWeight: "650" },
  defaultRadius: "md",
  cursorType: "pointer",
  components: {
    // Japanese has no case; English labels read better as written than in capitals.
    Badge: Badge.extend({ defaultProps: { tt: "none", fw: 600 } }),
  },
});
