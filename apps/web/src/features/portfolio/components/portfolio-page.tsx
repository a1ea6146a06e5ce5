import {
  Button,
  Card,
  Center,
  Grid,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { touchModels } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDate } from "../../../lib/format";
import { useOwners } from "../../accounts/use-owners";
import { type PortfolioSearch, portfolioQueryOptions } from "../portfolio.queries";
import { formatMoneyTotals } from "../portfolio-format";
import { AtRiskTable } from "./at-risk-table";
import {
  HealthDistributionChart,
  HealthTrendChart,
  MaturityChart,
  PhaseFunnelChart,
  TouchModelChart,
} from "./portfolio-charts";
import { TaskCountsTable } from "./task-counts-table";

type Props = {
  search: PortfolioSearch;
  onSearchChange: (next: PortfolioSearch) => void;
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card withBorder radius="md" padding="md" component="section" aria-label={title} h="100%">
    <Title order={3} size="h5" mb="sm">
      {title}
    </Title>
    {children}
  </Card>
);

const Figure = ({ label, value }: { label: string; value: string }) => (
  <Card withBorder radius="md" padding="sm">
    <Text size="xs" c="dimmed">
      {label}
    </Text>
    <Text fw={700} size="xl">
      {value}
    </Text>
  </Card>
);

/** The whole portfolio (or a filtered part): health, phases, maturity, touch models, at risk. */
export const PortfolioPage = ({ search, onSearchChange }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  const portfolio = useQuery(portfolioQueryOptions(search, lang));
  const owners = useOwners();
  const set = (patch: Partial<PortfolioSearch>) => {
    const next: PortfolioSearch = { ...search, ...patch };
    // Keep the URL short: drop empty filters.
    for (const key of Object.keys(next) as (keyof PortfolioSearch)[]) {
      if (!next[key]) delete next[key];
    }
    onSearchChange(next);
  };
  const hasFilters = Boolean(search.owner || search.segment || search.touchModel);
  const data = portfolio.data;
  const segments = [
    ...new Set([...(data?.segments ?? []), ...(search.segment ? [search.segment] : [])]),
  ];

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t("portfolio.title")}</Title>
        <Text c="dimmed" size="sm">
          {t("portfolio.subtitle")}
        </Text>
      </div>
      <Group
        align="flex-end"
        gap="sm"
        wrap="wrap"
        role="search"
        aria-label={t("portfolio.filters")}
      >
        <Select
          label={t("portfolio.owner")}
          placeholder={t("portfolio.anyOwner")}
          data={owners.options}
          value={search.owner ?? null}
          onChange={(value) => set({ owner: value ?? undefined })}
          searchable
          clearable
          w={{ base: "calc(50% - 6px)", sm: 200 }}
        />
        <Select
          label={t("portfolio.segment")}
          placeholder={t("portfolio.anySegment")}
          data={segments}
          value={search.segment ?? null}
          onChange={(value) => set({ segment: value ?? undefined })}
          searchable
          clearable
          w={{ base: "calc(50% - 6px)", sm: 180 }}
        />
        <Select
          label={t("portfolio.touchModel")}
          placeholder={t("portfolio.anyTouchModel")}
          data={touchModels.map((value) => ({ value, label: t(`touchModel.${value}`) }))}
          value={search.touchModel ?? null}
          onChange={(value) =>
            set({ touchModel: touchModels.find((model) => model === value) ?? undefined })
          }
          clearable
          w={{ base: "calc(50% - 6px)", sm: 190 }}
        />
        {hasFilters ? (
          <Button variant="subtle" onClick={() => onSearchChange({})}>
            {t("portfolio.clearFilters")}
          </Button>
        ) : null}
        {portfolio.isFetching && data ? (
          <Loader size="xs" aria-label={t("common.loading")} />
        ) : null}
      </Group>

      {portfolio.isPending ? (
        <Center py="xl">
          <Loader size="sm" aria-label={t("common.loading")} />
        </Center>
      ) : portfolio.isError ? (
        <ApiErrorAlert error={portfolio.error} />
      ) : data && data.accounts === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Text c="dimmed">
            {hasFilters ? t("portfolio.empty") : t("portfolio.emptyWorkspace")}
          </Text>
        </Card>
      ) : data ? (
        <>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Figure
              label={t("portfolio.accounts")}
              value={new Intl.NumberFormat(i18n.language).format(data.accounts)}
            />
            <Figure label={t("portfolio.mrr")} value={formatMoneyTotals(data.mrr, i18n.language)} />
            <Figure
              label={t("portfolio.averageScore")}
              value={data.health.averageScore === null ? "—" : String(data.health.averageScore)}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t("portfolio.asOf", { date: formatDate(data.asOf, i18n.language) })}
          </Text>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Section title={t("portfolio.distribution")}>
                <HealthDistributionChart health={data.health} />
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Section title={t("portfolio.trend")}>
                <HealthTrendChart health={data.health} />
              </Section>
            </Grid.Col>
          </Grid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Section title={t("portfolio.phases")}>
              <PhaseFunnelChart phases={data.phases} />
            </Section>
            <Section title={t("portfolio.maturity")}>
              <MaturityChart maturity={data.maturity} />
            </Section>
            <Section title={t("portfolio.touchModels")}>
              <TouchModelChart
                touchModels={data.touchModels}
                currency={data.mrr[0]?.currency ?? null}
              />
            </Section>
          </SimpleGrid>
          <Section title={t("portfolio.atRisk")}>
            <AtRiskTable accounts={data.atRisk} />
          </Section>
          <Section title={t("portfolio.tasks")}>
            <TaskCountsTable rows={data.tasks} />
          </Section>
        </>
      ) : null}
    </Stack>
  );
};
