import { SegmentedControl, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { type CsvFileEncoding, csvFileEncodings } from "../csv.queries";

type Props = { value: CsvFileEncoding; onChange: (encoding: CsvFileEncoding) => void };

/** The encoding a download is written in: UTF-8 with a BOM, or Shift_JIS for older Excel. */
export const CsvEncodingChoice = ({ value, onChange }: Props) => {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t("csv.encoding")}
      </Text>
      <SegmentedControl<CsvFileEncoding>
        aria-labelledby={labelId}
        size="xs"
        value={value}
        onChange={onChange}
        data={csvFileEncodings.map((encoding) => ({
          value: encoding,
          label: t(`csv.encodings.${encoding}`),
        }))}
        w={{ base: "100%", sm: 320 }}
      />
      {value === "shift_jis" ? (
        <Text size="xs" c="dimmed" maw={640}>
          {t("csv.shiftJisHint")}
        </Text>
      ) : null}
    </Stack>
  );
};
