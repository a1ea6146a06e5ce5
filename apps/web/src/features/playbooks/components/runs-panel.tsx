import { Badge, Button, Center, Group, Loader, Stack, Table, Text, Tooltip } from "@mantine/core";
import type { PlaybookRunStatus, RunStepOutcome } from "@michi/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDate, formatDateTime } from "../../../lib/format";
import { type PlaybookRun, playbookRunsQueryOptions } from "../playbooks.queries";

const statusColors: Record<PlaybookRunStatus, string> = {
  running: "blue",
  waiting: "yellow",
  completed: "teal",
  stopped: "gray",
  failed: "red",
};

const outcomeIcons: Record<RunStepOutcome, { icon: string; color: string }> = {
  done: { icon: "✓", color: "teal" },
  skipped: { icon: "–", color: "gray" },
  notSent: { icon: "✉̸", color: "orange" },
  failed: { icon: "✕", color: "red" },
};

export const RunStatusBadge = ({ status }: { status: PlaybookRunStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColors[status]}>
      {t(`playbooks.runStatus.${status}`)}
    </Badge>
  );
};

/** A playbook's runs, newest first: the account, when, how it went, step by step. */
export const RunsPanel = ({ playbookId }: { playbookId: string }) => {
  const { t, i18n } = useTranslation();
  const runs = useInfiniteQuery(playbookRunsQueryOptions({ playbookId }));
  if (runs.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (runs.isError) return <ApiErrorAlert error={runs.error} />;
  const rows = runs.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("playbooks.runs.empty")}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" aria-label={t("playbooks.runs.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("playbooks.runs.account")}</Table.Th>
              <Table.Th>{t("playbooks.runs.started")}</Table.Th>
              <Table.Th>{t("playbooks.runs.status")}</Table.Th>
              <Table.Th>{t("playbooks.runs.steps")}</Table.Th>
              <Table.Th>{t("playbooks.runs.error")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>
                  <AnchorLink
                    to="/accounts/$accountId"
                    params={{ accountId: run.accountId }}
                    size="sm"
                  >
                    {run.accountName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(run.createdAt, i18n.language)}</Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <RunStatusBadge status={run.status} />
                    {run.status === "waiting" && run.resumeAt ? (
                      <Text size="xs" c="dimmed">
                        {t("playbooks.runs.resumeAt", {
                          date: formatDate(run.resumeAt, i18n.language),
                        })}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {run.steps.map((step, index) => {
                      const { icon, color } = outcomeIcons[step.outcome];
                      const kindKey = step.kind as keyof typeof stepKindKeys;
                      const line = {
                        n: step.stepIndex + 1,
                        kind:
                          kindKey in stepKindKeys
                            ? t(`playbooks.stepKinds.${stepKindKeys[kindKey]}`)
                            : "",
                        outcome: t(`playbooks.outcomes.${step.outcome}`),
                      };
                      const why = reasonText(t, step.detail);
                      const words = why
                        ? t("playbooks.runs.stepLineWhy", { ...line, why })
                        : t("playbooks.runs.stepLine", line);
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a run's steps are in order and never move.
                        <Tooltip key={index} label={words}>
                          <Badge
                            variant="light"
                            color={color}
                            radius="sm"
                            aria-label={words}
                            style={{ textTransform: "none" }}
                          >
                            {step.stepIndex + 1} {icon}
                          </Badge>
                        </Tooltip>
                      );
                    })}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <RunProblem run={run} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {runs.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            loading={runs.isFetchingNextPage}
            onClick={() => void runs.fetchNextPage()}
          >
            {t("playbooks.runs.loadMore")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
};

/** A skip's reason in words, when the step's detail is one Michi names (else nothing). */
const reasonText = (t: TFunction, detail: string | undefined): string | null => {
  if (!detail) return null;
  if (detail in emailSkipKeys) {
    return t(`playbooks.emailSkip.${detail as keyof typeof emailSkipKeys}`);
  }
  return null;
};

const emailSkipKeys = {
  noContactWithRole: true,
  noEmail: true,
  unsubscribed: true,
  noAccountOwner: true,
  noMemberWithRole: true,
  unknownUser: true,
} as const;

/** Which step failed, in the UI language; the server's own words beneath. */
const RunProblem = ({ run }: { run: PlaybookRun }) => {
  const { t } = useTranslation();
  if (!run.error) return null;
  const failed = run.steps.findLast((step) => step.outcome === "failed");
  return (
    <Stack gap={2}>
      {failed ? (
        <Text size="sm" c="red">
          {t("playbooks.runs.failedStep", { n: failed.stepIndex + 1 })}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {run.error}
      </Text>
    </Stack>
  );
};

/** A run step's kind as stored: a step kind, or skipEmail (an email step not sent). */
const stepKindKeys = {
  createTask: "createTask",
  sendEmail: "sendEmail",
  skipEmail: "sendEmail",
  callWebhook: "callWebhook",
  postToChat: "postToChat",
  setField: "setField",
  addNote: "addNote",
  wait: "wait",
  stopIf: "stopIf",
} as const;
