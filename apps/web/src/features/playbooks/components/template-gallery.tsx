import {
  Badge,
  Button,
  Card,
  Center,
  List,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText, type PlaybookInput } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { stepText, triggerText } from "../playbook-words";
import {
  createPlaybook,
  type PlaybookTemplateItem,
  playbookKeys,
  playbookTemplatesQueryOptions,
} from "../playbooks.queries";
import { usePlaybookWords } from "../use-playbook-words";

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
};

/** The shipped templates as cards; choosing one makes the playbook at once. */
export const TemplateGallery = ({ opened, onClose, onCreated }: Props) => {
  const { t, i18n } = useTranslation();
  const words = usePlaybookWords();
  const queryClient = useQueryClient();
  const templates = useQuery({ ...playbookTemplatesQueryOptions(), enabled: opened });
  const create = useMutation({
    mutationFn: createPlaybook,
    onSuccess: async (playbook) => {
      queryClient.setQueryData(playbookKeys.detail(playbook.id), playbook);
      await queryClient.invalidateQueries({ queryKey: playbookKeys.list() });
      notifications.show({ color: "teal", message: t("playbooks.gallery.created") });
      create.reset();
      onCreated(playbook.id);
    },
  });
  const fromScratch = (): PlaybookInput => {
    const both = (key: "playbooks.gallery.scratchName" | "playbooks.gallery.scratchNote") => ({
      ja: i18n.t(key, { lng: "ja", field: "{{playbook.name}}" }),
      en: i18n.t(key, { lng: "en", field: "{{playbook.name}}" }),
    });
    return {
      name: both("playbooks.gallery.scratchName"),
      trigger: { kind: "manual" },
      steps: [{ kind: "addNote", body: both("playbooks.gallery.scratchNote") }],
      coolDownDays: 0,
      paused: false,
    };
  };

  const card = (template: PlaybookTemplateItem) => {
    const name = localizeText(template.playbook.name, words.lang);
    return (
      <Card key={template.key} withBorder radius="md" padding="md">
        <Stack gap="xs" h="100%">
          <Title order={3} size="h5">
            {name}
          </Title>
          <Text size="sm">{localizeText(template.summary, words.lang)}</Text>
          <Text size="xs" c="dimmed" fw={600}>
            {t("playbooks.gallery.when")}
          </Text>
          <Badge variant="light" style={{ textTransform: "none" }} maw="100%">
            {triggerText(words, template.playbook.trigger)}
          </Badge>
          <Text size="xs" c="dimmed" fw={600}>
            {t("playbooks.gallery.does")}
          </Text>
          <List type="ordered" size="sm" spacing={2} style={{ flexGrow: 1 }}>
            {template.playbook.steps.map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a template's steps never move.
              <List.Item key={index}>{stepText(words, step)}</List.Item>
            ))}
          </List>
          <Button
            mt="xs"
            loading={create.isPending && create.variables?.templateKey === template.key}
            disabled={create.isPending}
            aria-label={t("playbooks.gallery.useNamed", { name })}
            onClick={() =>
              create.mutate({ definition: template.playbook, templateKey: template.key })
            }
          >
            {t("playbooks.gallery.use")}
          </Button>
        </Stack>
      </Card>
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={() => {
        create.reset();
        onClose();
      }}
      title={t("playbooks.gallery.title")}
      size="xl"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("playbooks.gallery.intro")}
        </Text>
        <ApiErrorAlert error={create.error} />
        {templates.isPending ? (
          <Center py="lg">
            <Loader size="sm" aria-label={t("common.loading")} />
          </Center>
        ) : templates.isError ? (
          <ApiErrorAlert error={templates.error} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {templates.data.data.map(card)}
            <Card withBorder radius="md" padding="md" bg="gray.0">
              <Stack gap="xs" h="100%" justify="space-between">
                <Stack gap="xs">
                  <Title order={3} size="h5">
                    {t("playbooks.gallery.scratch")}
                  </Title>
                  <Text size="sm">{t("playbooks.gallery.scratchBody")}</Text>
                </Stack>
                <Button
                  variant="default"
                  disabled={create.isPending}
                  loading={create.isPending && create.variables?.templateKey === undefined}
                  onClick={() => create.mutate({ definition: fromScratch() })}
                >
                  {t("playbooks.gallery.scratch")}
                </Button>
              </Stack>
            </Card>
          </SimpleGrid>
        )}
      </Stack>
    </Modal>
  );
};
