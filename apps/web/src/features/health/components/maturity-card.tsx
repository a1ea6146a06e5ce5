import { Badge, Group, List, Stack, Text, Title } from "@mantine/core";
import { localizeText } from "@michi/core";
import { useTranslation } from "react-i18next";
import type { AccountMaturity } from "../health.queries";

type Props = { maturity: AccountMaturity };

/** The maturity level the account has reached, and what the next level still needs. */
export const MaturityCard = ({ maturity }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  const format = (value: number | null) =>
    value === null ? "—" : new Intl.NumberFormat(i18n.language).format(value);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("health.maturity")}
      </Title>
      <Group gap="xs">
        <Badge size="lg" variant="light" color="indigo">
          {t("health.level", { level: maturity.level })}
        </Badge>
        <Text fw={600}>
          {maturity.name ? localizeText(maturity.name, lang) : t("health.noLevel")}
        </Text>
      </Group>
      {maturity.next ? (
        <Stack gap={4}>
          <Text size="sm">
            {t("health.nextNeeds", {
              level: maturity.next.level,
              name: localizeText(maturity.next.name, lang),
            })}
          </Text>
          <List size="sm">
            {maturity.next.unmet.map((part) => (
              <List.Item key={`${part.metric}${part.op}${part.value}`}>
                <Text span ff="monospace" size="sm">
                  {`${part.metric} ${part.op} ${format(part.value)}`}
                </Text>{" "}
                <Text span c="dimmed" size="sm">
                  {t("health.actual", { value: format(part.actual) })}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t("health.topLevel")}
        </Text>
      )}
    </Stack>
  );
};
