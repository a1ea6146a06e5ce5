import {
  Badge,
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { usePageTitle } from "../../../components/use-page-title";
import { errorMessageKey } from "../../../lib/error-message";
import { formatDateTime } from "../../../lib/format";
import { problemDetailText } from "../../../lib/problem-text";
import { useCan } from "../../auth/use-me";
import { triggerText } from "../playbook-words";
import {
  type PlaybookRecord,
  patchPlaybook,
  playbookKeys,
  playbooksQueryOptions,
} from "../playbooks.queries";
import { usePlaybookWords } from "../use-playbook-words";
import { TemplateGallery } from "./template-gallery";

type Props = { onOpen: (id: string) => void };

/** The workspace's playbooks: what starts each, how often it ran, and whether it is on. */
export const PlaybookListPage = ({ onOpen }: Props) => {
  const { t, i18n } = useTranslation();
  usePageTitle(t("playbooks.title"));
  const canManage = useCan("manage-settings");
  const words = usePlaybookWords();
  const list = useQuery(playbooksQueryOptions());
  const [choosing, setChoosing] = useState(false);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t("playbooks.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("playbooks.intro")}
          </Text>
        </Stack>
        {canManage ? <Button onClick={() => setChoosing(true)}>{t("playbooks.new")}</Button> : null}
      </Group>
      {list.isPending ? (
        <Center py="xl">
          <Loader size="sm" aria-label={t("common.loading")} />
        </Center>
      ) : list.isError ? (
        <ApiErrorAlert error={list.error} />
      ) : list.data.data.length === 0 ? (
        <EmptyState py="xl" title={t("playbooks.empty")} description={t("playbooks.emptyBody")} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label={t("playbooks.listLabel")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("playbooks.columns.name")}</Table.Th>
                  <Table.Th>{t("playbooks.columns.trigger")}</Table.Th>
                  <Table.Th>{t("playbooks.columns.steps")}</Table.Th>
                  <Table.Th>{t("playbooks.columns.runs")}</Table.Th>
                  <Table.Th>{t("playbooks.columns.lastRun")}</Table.Th>
                  <Table.Th>{t("playbooks.columns.active")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.data.map((playbook) => (
                  <Table.Tr key={playbook.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/playbooks/$playbookId"
                        params={{ playbookId: playbook.id }}
                        fw={600}
                      >
                        {localizeText(playbook.definition.name, words.lang)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{triggerText(words, playbook.definition.trigger)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t("playbooks.stepsCount", { count: playbook.definition.steps.length })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{playbook.runs.total}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {playbook.runs.lastAt
                          ? formatDateTime(playbook.runs.lastAt, i18n.language)
                          : t("playbooks.never")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <PausedSwitch playbook={playbook} canManage={canManage} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <TemplateGallery
        opened={choosing}
        onClose={() => setChoosing(false)}
        onCreated={(id) => {
          setChoosing(false);
          onOpen(id);
        }}
      />
    </Stack>
  );
};

/** On or paused: a switch for those who may change playbooks, a badge for the rest. */
export const PausedSwitch = ({
  playbook,
  canManage,
}: {
  playbook: PlaybookRecord;
  canManage: boolean;
}) => {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const name = localizeText(playbook.definition.name, i18n.language.startsWith("ja") ? "ja" : "en");
  const toggle = useMutation({
    mutationFn: (paused: boolean) => patchPlaybook(playbook.id, { paused }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(playbookKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: playbookKeys.list() });
      notifications.show({
        color: "teal",
        message: saved.definition.paused
          ? t("playbooks.pausedDone", { name })
          : t("playbooks.resumedDone", { name }),
      });
    },
    onError: (error) =>
      notifications.show({
        color: "red",
        title: t(errorMessageKey(error)),
        message: problemDetailText(error) ?? "",
      }),
  });
  const paused = playbook.definition.paused;
  if (!canManage) {
    return (
      <Badge variant="light" color={paused ? "gray" : "teal"}>
        {paused ? t("playbooks.paused") : t("playbooks.live")}
      </Badge>
    );
  }
  return (
    <Switch
      checked={!paused}
      disabled={toggle.isPending}
      onChange={(event) => toggle.mutate(!event.currentTarget.checked)}
      aria-label={t("playbooks.activeSwitch", { name })}
      label={paused ? t("playbooks.paused") : t("playbooks.live")}
    />
  );
};
