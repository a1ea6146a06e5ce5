import { Badge, Divider, Group, List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { describePart, formatActual } from "../../lifecycle/rule-text";
import type { AccountMaturity } from "../health.queries";

type Props = { maturity: AccountMaturity };
type Product = AccountMaturity["products"][number];

const ProductMaturity = ({ product }: { product: Product }) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  const actualOf = (part: Product["levels"][number]["parts"][number]) =>
    formatActual(part, lang) ?? t("lifecycle.noData");
  return (
    <Stack gap="xs" data-testid={`maturity-${product.product}`}>
      <Group gap="xs" align="baseline">
        <Text fw={600}>{product.name}</Text>
        <Badge size="lg" variant="light" color="indigo">
          {t("health.level", { level: product.level })}
        </Badge>
        <Text fw={600}>{product.levelName ?? t("health.noLevel")}</Text>
        {product.since ? (
          <Text size="sm" c="dimmed">
            {t("health.levelSince", { date: formatDate(product.since, i18n.language) })}
          </Text>
        ) : null}
      </Group>
      {product.next ? (
        <Stack gap={4}>
          <Text size="sm">
            {t("health.nextNeeds", { level: product.next.level, name: product.next.name })}
          </Text>
          <List size="sm">
            {product.next.unmet.map((part) => (
              <List.Item key={`${part.metric}${part.op}${part.value}`}>
                {describePart(part, lang)}{" "}
                <Text span c="dimmed" size="sm">
                  {t("health.actual", { value: actualOf(part) })}
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
      <Text size="sm" fw={600}>
        {t("health.levels")}
      </Text>
      <List size="sm" spacing={4} aria-label={t("health.levelsOf", { name: product.name })}>
        {product.levels.map((level) => (
          <List.Item
            key={level.level}
            icon={
              <Text span fw={700} c={level.holds ? "teal" : "dimmed"}>
                {level.holds ? "✓" : "・"}
              </Text>
            }
          >
            <Text span size="sm" fw={600}>
              {t("health.level", { level: level.level })} {level.name}
            </Text>
            <Text size="xs" c="dimmed">
              {level.rule}
            </Text>
          </List.Item>
        ))}
      </List>
      {product.history.length > 0 ? (
        <Text size="xs" c="dimmed">
          {t("health.levelHistory")}{" "}
          {product.history
            .map((stay) =>
              t("health.levelStay", {
                level: stay.level,
                from: formatDate(stay.since, i18n.language),
                to: stay.until ? formatDate(stay.until, i18n.language) : t("health.now"),
              }),
            )
            .join(" / ")}
        </Text>
      ) : null}
    </Stack>
  );
};

/** The maturity level per product, each level's rule in words, what the next level still needs. */
export const MaturityCard = ({ maturity }: Props) => {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("health.maturity")}
      </Title>
      {maturity.products.map((product, index) => (
        <Stack key={product.product} gap="sm">
          {index > 0 ? <Divider /> : null}
          <ProductMaturity product={product} />
        </Stack>
      ))}
    </Stack>
  );
};
