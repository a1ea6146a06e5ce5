import { Alert, Badge, Button, Center, Group, Loader, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { useMe } from "../../auth/use-me";
import { mailSettingsQueryOptions, sendTestMail } from "../mail-settings.queries";

/** Settings → Mail: whether email is set up on the server, and a test send. */
export const MailSettingsPanel = () => {
  const { t, i18n } = useTranslation();
  const settings = useQuery(mailSettingsQueryOptions());
  const me = useMe();
  const [to, setTo] = useState("");
  const test = useMutation({
    mutationFn: () =>
      sendTestMail({
        ...(to.trim() ? { to: to.trim() } : {}),
        language: i18n.language.startsWith("ja") ? "ja" : "en",
      }),
  });

  if (settings.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (settings.isError) return <ApiErrorAlert error={settings.error} />;
  const { configured, from } = settings.data;

  return (
    <Stack maw={640}>
      <Text size="sm" c="dimmed">
        {t("mailSettings.description")}
      </Text>
      <Group gap="sm">
        <Text fw={500}>{t("mailSettings.status")}</Text>
        <Badge variant="light" color={configured ? "teal" : "gray"}>
          {configured ? t("mailSettings.configured") : t("mailSettings.notConfigured")}
        </Badge>
      </Group>
      {configured ? (
        <>
          <Group gap="sm">
            <Text fw={500}>{t("mailSettings.from")}</Text>
            <Text ff="monospace">{from}</Text>
          </Group>
          <Group align="flex-end">
            <TextInput
              label={t("mailSettings.testTo")}
              placeholder={me.user?.email ?? ""}
              description={t("mailSettings.testToHint")}
              type="email"
              value={to}
              onChange={(event) => setTo(event.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button loading={test.isPending} onClick={() => test.mutate()}>
              {t("mailSettings.sendTest")}
            </Button>
          </Group>
          {test.isError ? <ApiErrorAlert error={test.error} /> : null}
          {test.data?.status === "sent" ? (
            <Alert color="teal" variant="light" role="status">
              {t("mailSettings.sent", { to: test.data.to })}
            </Alert>
          ) : null}
          {test.data?.status === "failed" ? (
            <Alert color="red" variant="light" role="alert" title={t("mailSettings.failed")}>
              <Text size="sm" ff="monospace">
                {test.data.responseCode ? `${test.data.responseCode} ` : ""}
                {test.data.error}
              </Text>
            </Alert>
          ) : null}
        </>
      ) : (
        <Alert color="gray" variant="light">
          {t("mailSettings.notConfiguredHelp")}
        </Alert>
      )}
    </Stack>
  );
};
