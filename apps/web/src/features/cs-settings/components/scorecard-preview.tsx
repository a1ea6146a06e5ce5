import { Alert, Badge, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { formatSigned } from "../../../lib/format";
import { bandColors } from "../../health/health.queries";
import { chartColors } from "../../success-plans/charts/echarts";
import type { BandCounts, ScorecardPreview as Preview, PreviewRow } from "../cs-settings.queries";
import { BandChart, type BarChartOption } from "./band-chart";

const bandKeys = ["red", "yellow", "green", "none"] as const;

const bandHex: Record<(typeof bandKeys)[number], string> = {
  red: "#fa5252",
  yellow: "#fab005",
  green: "#12b886",
  none: "#adb5bd",
};

type Props = {
  preview: Preview | undefined;
  pending: boolean;
  error: unknown;
  /** The edit does not pass validation; nothing to preview. */
  invalid: boolean;
};

const change = (row: PreviewRow): number | null =>
  row.preview?.score == null || row.current?.score == null
    ? null
    : row.preview.score - row.current.score;

/** Band distribution now vs with the edit, and the accounts whose score moves most. */
export const ScorecardPreview = ({ preview, pending, error, invalid }: Props) => {
  const { t, i18n } = useTranslation();
  const label = (band: (typeof bandKeys)[number]) =>
    band === "none" ? t("csSettings.scorecards.noBand") : t(`health.band.${band}`);
  const series = (name: string, counts: BandCounts, opacity: number) => ({
    type: "bar" as const,
    name,
    // The legend shows the series colour; bars take their band's colour, faint for "now".
    itemStyle: { color: chartColors.gray, opacity },
    data: bandKeys.map((band) => ({
      value: counts[band],
      itemStyle: { color: bandHex[band], opacity },
    })),
    label: { show: true, position: "top" as const, color: chartColors.text },
  });
  const option: BarChartOption | null = preview
    ? {
        grid: { left: 40, right: 16, top: 28, bottom: 28 },
        tooltip: { trigger: "axis" },
        legend: { top: 0, textStyle: { color: chartColors.text } },
        xAxis: {
          type: "category",
          data: bandKeys.map(label),
          axisLabel: { color: chartColors.text },
        },
        yAxis: {
          type: "value",
          minInterval: 1,
          axisLabel: { color: chartColors.text },
          splitLine: { lineStyle: { color: chartColors.grid } },
        },
        series: [
          series(t("csSettings.scorecards.now"), preview.current, 0.45),
          series(t("csSettings.scorecards.withEdit"), preview.preview, 1),
        ],
      }
    : null;
  return (
    <Stack gap="sm" aria-label={t("csSettings.scorecards.preview")} component="section">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t("csSettings.scorecards.preview")}
        </Title>
        {pending ? (
          <Loader size="xs" aria-label={t("csSettings.scorecards.previewLoading")} />
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t("csSettings.scorecards.previewIntro")}
      </Text>
      {invalid ? (
        <Alert color="yellow" variant="light">
          {t("csSettings.scorecards.previewInvalid")}
        </Alert>
      ) : null}
      {error ? (
        <Alert color="red" variant="light">
          {error instanceof Error ? error.message : String(error)}
        </Alert>
      ) : null}
      {preview && option ? (
        <>
          <Text size="sm">
            {t("csSettings.scorecards.evaluated", { count: preview.evaluated })}
          </Text>
          <BandChart
            option={option}
            height={220}
            label={t("csSettings.scorecards.distributionLabel")}
          />
          <Table
            aria-label={t("csSettings.scorecards.distribution")}
            withTableBorder
            fz="sm"
            data-testid="preview-distribution"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {bandKeys.map((band) => (
                  <Table.Th key={band} ta="right">
                    {label(band)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(
                [
                  ["now", preview.current],
                  ["withEdit", preview.preview],
                ] as const
              ).map(([row, counts]) => (
                <Table.Tr key={row}>
                  <Table.Th>{t(`csSettings.scorecards.${row}`)}</Table.Th>
                  {bandKeys.map((band) => (
                    <Table.Td key={band} ta="right" data-band={band}>
                      {counts[band]}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={4} size="h6">
            {t("csSettings.scorecards.biggestChanges")}
          </Title>
          {preview.rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("csSettings.scorecards.noChanges")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={340} mah={360}>
              <Table aria-label={t("csSettings.scorecards.biggestChanges")} fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("csSettings.scorecards.account")}</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                      {t("csSettings.scorecards.currentScore")} →{" "}
                      {t("csSettings.scorecards.previewScore")}
                    </Table.Th>
                    <Table.Th ta="right">{t("csSettings.scorecards.change")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((row) => {
                    const delta = change(row);
                    return (
                      <Table.Tr key={row.accountId}>
                        <Table.Td>
                          <AnchorLink
                            to="/accounts/$accountId"
                            params={{ accountId: row.accountId }}
                          >
                            {row.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                          <Score
                            score={row.current?.score ?? null}
                            band={row.current?.band ?? null}
                          />
                          {" → "}
                          <Score
                            score={row.preview?.score ?? null}
                            band={row.preview?.band ?? null}
                          />
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                          {delta === null ? t("common.none") : formatSigned(delta, i18n.language)}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      ) : null}
    </Stack>
  );
};

/** A score in its band's colour; none is insufficient data, never 0 or red. */
const Score = ({ score, band }: { score: number | null; band: keyof typeof bandColors | null }) => {
  const { t } = useTranslation();
  return score === null ? (
    <Text span size="xs" c="dimmed">
      {t("health.insufficientData")}
    </Text>
  ) : (
    <Badge variant="light" color={band ? bandColors[band] : "gray"} style={{ overflow: "visible" }}>
      {score}
    </Badge>
  );
};
