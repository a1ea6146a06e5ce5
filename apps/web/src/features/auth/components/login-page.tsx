import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { isEmail, isNotEmpty, useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../../components/language-switch";
import { MichiMark } from "../../../components/michi-mark";
import { usePageTitle } from "../../../components/use-page-title";
import { requiredField } from "../../../lib/required-field";
import { meQueryOptions } from "../auth.queries";
import { authClient } from "../auth-client";

/** Only paths inside the app, never another site. */
const safeRedirect = (target: string | undefined) =>
  target?.startsWith("/") && !target.startsWith("//") && !target.startsWith("/login")
    ? target
    : "/accounts";

type LoginError =
  | { kind: "credentials" }
  | { kind: "locked"; minutes: number }
  | { kind: "other" }
  | null;

/** 429 (too many failed logins, or too many requests): how long, from Retry-After. */
const lockedMinutes = (retryAfter: string | null) =>
  Math.max(1, Math.ceil((Number(retryAfter) || 60) / 60));

export const LoginPage = ({ redirectTo }: { redirectTo: string | undefined }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<LoginError>(null);
  usePageTitle(t("auth.submit"));
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", password: "" },
    validate: {
      email: (value) =>
        !value.trim() ? t("auth.emailRequired") : isEmail(t("auth.emailInvalid"))(value.trim()),
      password: isNotEmpty(t("auth.passwordRequired")),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setFailure(null);
    form.setSubmitting(true);
    try {
      let retryAfter: string | null = null;
      const { error } = await authClient.signIn.email(
        { email: email.trim(), password },
        {
          onError: ({ response }) => {
            retryAfter = response.headers.get("retry-after");
          },
        },
      );
      if (error) {
        if (error.status === 429)
          setFailure({ kind: "locked", minutes: lockedMinutes(retryAfter) });
        else if (error.status === 401 || error.status === 400) setFailure({ kind: "credentials" });
        else setFailure({ kind: "other" });
        return;
      }
      await queryClient.resetQueries({ queryKey: meQueryOptions().queryKey });
      await navigate({ href: safeRedirect(redirectTo) });
    } catch {
      setFailure({ kind: "other" });
    } finally {
      form.setSubmitting(false);
    }
  });

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb={80} mih="calc(100vh - 120px)">
        <Stack w="100%" maw={400} gap="lg">
          <Stack align="center" gap={6}>
            <MichiMark size={44} />
            <Title order={1} size="h2">
              {t("auth.title")}
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              {t("app.tagline")}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="lg">
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm" c="dimmed">
                  {t("auth.subtitle")}
                </Text>
                {failure ? (
                  <Alert color="red" variant="light" role="alert">
                    {failure.kind === "credentials"
                      ? t("auth.failed")
                      : failure.kind === "locked"
                        ? t("auth.locked", { count: failure.minutes })
                        : t("errors.network")}
                  </Alert>
                ) : null}
                <TextInput
                  {...requiredField(t("auth.email"))}
                  type="email"
                  autoComplete="username"
                  key={form.key("email")}
                  {...form.getInputProps("email")}
                />
                <PasswordInput
                  visibilityToggleButtonProps={{ "aria-label": t("common.toggleVisibility") }}
                  {...requiredField(t("auth.password"))}
                  autoComplete="current-password"
                  key={form.key("password")}
                  {...form.getInputProps("password")}
                />
                <Button type="submit" fullWidth mt="xs" loading={form.submitting}>
                  {t("auth.submit")}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
};
