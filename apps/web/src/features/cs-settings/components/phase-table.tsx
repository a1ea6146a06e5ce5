import { Badge, Stack, Table, Text } from "@mantine/core";
import {
  type DisplayLanguage,
  type DisplayText,
  describeRule,
  localizeText,
  type Phase,
} from "@michi/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useUsageLabels } from "../use-usage-labels";

export const phaseRows = ["userActions", "userExperience", "services", "goal"] as const;
export type PhaseRow = (typeof phaseRows)[number];

type Props = {
  phases: readonly Phase[];
  lang: DisplayLanguage;
  accountsByPhase?: Record<string, number>;
  /** Controls under each phase's name (edit, move, remove); none when printed. */
  headerActions?: (index: number) => ReactNode;
  /** Phases with a problem, marked in their header. */
  invalid?: ReadonlySet<number>;
  className?: string;
};

/** Lines of a text ("\n"-separated in the defaults) as a compact list. */
const Lines = ({ text, lang }: { text: DisplayText | undefined; lang: DisplayLanguage }) => {
  if (text === undefined) return <Text c="dimmed">—</Text>;
  const lines = localizeText(text, lang)
    .split("\n")
    .filter((line) => line.trim() !== "");
  return (
    <ul style={{ margin: 0, paddingInlineStart: "1.1em" }}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text; they may repeat.
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
};

/**
 * Seed 003's phase design table: one column per phase; rows for what the user
 * does, what they experience, what service we give, and the phase's goal with
 * its exit criteria in words.
 */
export const PhaseTable = ({
  phases,
  lang,
  accountsByPhase,
  headerActions,
  invalid,
  className,
}: Props) => {
  const { t } = useTranslation();
  const { labels } = useUsageLabels();
  return (
    <Table
      withTableBorder
      withColumnBorders
      fz="xs"
      verticalSpacing={6}
      aria-label={t("csSettings.phases.tableLabel")}
      className={className}
      style={{ tableLayout: "fixed" }}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>{t("csSettings.phases.item")}</Table.Th>
          {phases.map((phase, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat while being edited.
            <Table.Th key={`${phase.key}-${index}`} scope="col" style={{ verticalAlign: "top" }}>
              <Stack gap={4}>
                <Text fw={700} size="sm">
                  {index + 1}. {localizeText(phase.name, lang) || phase.key}
                  {invalid?.has(index) ? (
                    <Badge ml={4} size="xs" color="red">
                      !
                    </Badge>
                  ) : null}
                </Text>
                {accountsByPhase ? (
                  <Badge variant="light" size="sm" data-testid={`phase-count-${phase.key}`}>
                    {t("csSettings.phases.accounts", { count: accountsByPhase[phase.key] ?? 0 })}
                  </Badge>
                ) : null}
                {headerActions?.(index)}
              </Stack>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {phaseRows.map((row) => (
          <Table.Tr key={row}>
            <Table.Th scope="row" style={{ verticalAlign: "top" }}>
              {t(`csSettings.phases.${row}`)}
            </Table.Th>
            {phases.map((phase, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat while being edited.
              <Table.Td key={`${phase.key}-${index}`} style={{ verticalAlign: "top" }}>
                {row === "goal" ? (
                  <Stack gap={4}>
                    {phase.goal ? <Lines text={phase.goal} lang={lang} /> : null}
                    <Text size="xs" fw={700} c="indigo.8">
                      {t("csSettings.phases.exitCriteria")}
                    </Text>
                    {phase.exitCriteria.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        {t("csSettings.phases.noCriteria")}
                      </Text>
                    ) : (
                      <ul
                        style={{ margin: 0, paddingInlineStart: "1.1em" }}
                        data-testid={`exit-criteria-${phase.key}`}
                      >
                        {phase.exitCriteria.map((criterion) => (
                          <li key={criterion.key}>
                            <Text size="xs" span fw={600}>
                              {localizeText(criterion.name, lang)}
                            </Text>
                            <Text size="xs" span c="dimmed">
                              {" "}
                              ({describeRule(criterion.rule, lang, labels)})
                            </Text>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Stack>
                ) : (
                  <Lines text={phase[row]} lang={lang} />
                )}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};
