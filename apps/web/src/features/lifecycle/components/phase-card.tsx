import { Alert, Badge, Button, Group, List, Menu, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { formatDate } from "../../../lib/format";
import { useUsageLabels } from "../../cs-settings/use-usage-labels";
import type { AccountPhase, PhaseCriterion, UiLanguage } from "../lifecycle.queries";
import { describePart, formatActual } from "../rule-text";
import { PhaseHistory } from "./phase-history";

export type PhaseDecisionChoice = "accept" | "dismiss";

type Props = {
  phase: AccountPhase;
  canWrite: boolean;
  pending: boolean;
  onMove: (phaseKey: string) => void;
  onDecide: (decision: PhaseDecisionChoice) => void;
};

const Holds = ({ holds }: { holds: boolean }) => {
  const { t } = useTranslation();
  return (
    <Text
      span
      fw={700}
      c={holds ? "teal" : "red"}
      aria-label={holds ? t("lifecycle.holds") : t("lifecycle.notHolds")}
    >
      {holds ? "✓" : "✗"}
    </Text>
  );
};

const Criterion = ({ criterion, lang }: { criterion: PhaseCriterion; lang: UiLanguage }) => {
  const { t } = useTranslation();
  const { labels } = useUsageLabels();
  return (
    <List.Item icon={<Holds holds={criterion.holds} />} data-holds={criterion.holds}>
      <Text size="sm" fw={600}>
        {criterion.name}
      </Text>
      <List size="xs" listStyleType="none" withPadding={false}>
        {criterion.parts.map((part) => {
          const actual = formatActual(part, lang);
          return (
            <List.Item key={`${part.metric}${part.op}${part.value}`}>
              <Text span size="xs">
                {describePart(part, lang, labels)}
              </Text>{" "}
              <Text span size="xs" c={part.holds ? "teal" : "dimmed"}>
                {actual === null ? t("lifecycle.noData") : t("lifecycle.actual", { value: actual })}
              </Text>
            </List.Item>
          );
        })}
      </List>
    </List.Item>
  );
};

/**
 * A churned account's phase: a former customer is in no phase, so its last
 * one is said as such (never "289 days in renewal"), with nothing to judge
 * or move, and the stays it went through.
 */
const FormerCustomerPhase = ({ phase }: { phase: AccountPhase & { churnedOn: string } }) => {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("lifecycle.phase")}
      </Title>
      <Group gap="sm" align="baseline">
        <Badge size="lg" variant="light" color="gray" data-testid="current-phase">
          {t("lifecycle.churned")}
        </Badge>
        <Text size="sm">
          {t("lifecycle.formerCustomer", {
            date: formatDate(phase.churnedOn, i18n.language),
            name: phase.phase.name,
            days: phase.daysInPhase,
          })}
        </Text>
      </Group>
      <PhaseHistory history={phase.history} />
    </Stack>
  );
};

/**
 * The account's lifecycle phase: how long it has been there, each exit
 * criterion judged on today's data, an open proposal to move on, a hand move
 * (csm and above) and the stays so far.
 */
export const PhaseCard = (props: Props) => {
  const { churnedOn } = props.phase;
  return churnedOn === null ? (
    <CustomerPhase {...props} />
  ) : (
    <FormerCustomerPhase phase={{ ...props.phase, churnedOn }} />
  );
};

const CustomerPhase = ({ phase, canWrite, pending, onMove, onDecide }: Props) => {
  const { t, i18n } = useTranslation();
  const lang: UiLanguage = i18n.language.startsWith("ja") ? "ja" : "en";
  const others = phase.phases.filter((candidate) => candidate.key !== phase.phase.key);
  // A move by hand is asked again first: it is written to the history at once.
  const [target, setTarget] = useState<{ key: string; name: string } | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Title order={3} size="h4">
          {t("lifecycle.phase")}
        </Title>
        {canWrite && others.length > 0 ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" loading={pending}>
                {t("lifecycle.moveTo")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {others.map((candidate) => (
                <Menu.Item key={candidate.key} onClick={() => setTarget(candidate)}>
                  {candidate.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      <ConfirmDialog
        opened={target !== null}
        title={t("lifecycle.moveConfirmTitle")}
        message={t("lifecycle.moveConfirm", { from: phase.phase.name, to: target?.name ?? "" })}
        confirmLabel={t("lifecycle.moveConfirmButton")}
        onConfirm={() => {
          if (target) onMove(target.key);
          setTarget(null);
        }}
        onClose={() => setTarget(null)}
      />
      <Group gap="sm" align="baseline">
        <Badge size="lg" variant="filled" color="indigo" data-testid="current-phase">
          {phase.phase.name}
        </Badge>
        <Text size="sm" c="dimmed">
          {t("lifecycle.since", {
            date: formatDate(phase.since, i18n.language),
            days: phase.daysInPhase,
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {phase.mode === "auto" ? t("lifecycle.modeAuto") : t("lifecycle.modePropose")}
        </Text>
      </Group>

      {phase.proposal ? (
        <Alert
          color="teal"
          variant="light"
          role="status"
          title={t("lifecycle.proposalTitle", { name: phase.proposal.to.name })}
        >
          <Stack gap="xs">
            <Text size="sm">
              {t("lifecycle.proposalBody", {
                date: formatDate(phase.proposal.proposedAt, i18n.language),
              })}
            </Text>
            {canWrite ? (
              <Group gap="xs">
                <Button size="xs" loading={pending} onClick={() => onDecide("accept")}>
                  {t("lifecycle.accept")}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  disabled={pending}
                  onClick={() => onDecide("dismiss")}
                >
                  {t("lifecycle.dismiss")}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Alert>
      ) : null}

      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {phase.nextPhase
            ? t("lifecycle.exitCriteriaTo", { name: phase.nextPhase.name })
            : t("lifecycle.exitCriteria")}
        </Text>
        {phase.criteria.length === 0 ? (
          <Text size="sm" c="dimmed">
            {phase.nextPhase ? t("lifecycle.noCriteria") : t("lifecycle.lastPhase")}
          </Text>
        ) : (
          <List spacing="xs" aria-label={t("lifecycle.exitCriteria")} center={false}>
            {phase.criteria.map((criterion) => (
              <Criterion key={criterion.key} criterion={criterion} lang={lang} />
            ))}
          </List>
        )}
        {phase.allHold && !phase.proposal && phase.nextPhase ? (
          <Text size="sm" c="teal">
            {t("lifecycle.allHold", { name: phase.nextPhase.name })}
          </Text>
        ) : null}
      </Stack>

      <PhaseHistory history={phase.history} />
    </Stack>
  );
};
