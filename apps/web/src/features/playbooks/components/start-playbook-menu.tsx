import { Button, Menu } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessageKey } from "../../../lib/error-message";
import { problemDetailText } from "../../../lib/problem-text";
import { uiLanguage } from "../../cs-settings/display-text";
import {
  type PlaybookRecord,
  playbookKeys,
  playbooksQueryOptions,
  startPlaybook,
} from "../playbooks.queries";

/** On an account page: start one of the live playbooks on this account by hand. */
export const StartPlaybookMenu = ({ accountId }: { accountId: string }) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.language);
  const queryClient = useQueryClient();
  const playbooks = useQuery(playbooksQueryOptions());
  const live = (playbooks.data?.data ?? []).filter((playbook) => !playbook.definition.paused);
  const start = useMutation({
    mutationFn: (playbook: PlaybookRecord) => startPlaybook(playbook.id, accountId),
    onSuccess: async (_run, playbook) => {
      notifications.show({
        color: "teal",
        message: t("playbooks.start.started", {
          name: localizeText(playbook.definition.name, lang),
        }),
      });
      await queryClient.invalidateQueries({ queryKey: [...playbookKeys.all, "runs"] });
      await queryClient.invalidateQueries({ queryKey: playbookKeys.list() });
    },
    onError: (error) =>
      notifications.show({
        color: "red",
        title: t(errorMessageKey(error)),
        message: problemDetailText(error) ?? "",
      }),
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={start.isPending}>
          {t("playbooks.start.menu")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {live.length === 0 ? (
          <Menu.Item disabled>{t("playbooks.start.none")}</Menu.Item>
        ) : (
          live.map((playbook) => (
            <Menu.Item key={playbook.id} onClick={() => start.mutate(playbook)}>
              {localizeText(playbook.definition.name, lang)}
            </Menu.Item>
          ))
        )}
      </Menu.Dropdown>
    </Menu>
  );
};
