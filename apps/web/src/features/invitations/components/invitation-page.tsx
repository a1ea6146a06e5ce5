import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { LanguageSwitch } from "../../../components/language-switch";
import { MichiMark } from "../../../components/michi-mark";
import { usePageTitle } from "../../../components/use-page-title";
import { isApiError } from "../../../lib/api-client";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import { meQueryOptions } from "../../auth/auth.queries";
import { authClient } from "../../auth/auth-client";
import { acceptInvitation, invitationLinkQueryOptions } from "../invitations.queries";

const MIN_PASSWORD = 8;
const unusableReasons = ["accepted", "revoked", "expired"] as const;
type Unusable = (typeof unusableReasons)[number] | "unknown";

/** Why a link cannot be used, from the API's 404 or 409 (its `/token` problem names the reason). */
export const unusableReasonOf = (error: unknown): Unusable | null => {
  if (!isApiError(error)) return null;
  if (error.status === 404) return "unknown";
  if (error.status !== 409) return null;
  const reason = error.errors.find((problem) => problem.pointer === "/token")?.message;
  return unusableReasons.find((known) => known === reason) ?? "unknown";
};

const Frame = ({ children }: { children: ReactNode }) => (
  <Box mih="100vh" bg="var(--mantine-color-gray-0)">
    <Group justify="flex-end" p="md">
      <LanguageSwitch />
    </Group>
    <Center px="md" pb={80}>
      <Stack w="100%" maw={440} gap="lg">
        <Center>
          <MichiMark size={44} />
        </Center>
        {children}
      </Stack>
    </Center>
  </Box>
);

/** The page an invitation link opens: create an account, or log in, and join the workspace. */
export const InvitationPage = ({ token }: { token: string }) => {
  const { t } = useTranslation();
  usePageTitle(t("invitations.pageTitle"));
  const link = useQuery(invitationLinkQueryOptions(token));
  if (link.isPending) {
    return (
      <Frame>
        <Center py="lg">
          <Loader size="sm" aria-label={t("common.loading")} />
        </Center>
      </Frame>
    );
  }
  if (link.isError) {
    const reason = unusableReasonOf(link.error);
    return (
      <Frame>
        {reason ? (
          <Paper withBorder p="xl" radius="lg">
            <Stack>
              <Title order={1} size="h3">
                {t("invitations.unusableTitle")}
              </Title>
              <Text>{t(`invitations.unusable.${reason}`)}</Text>
              <Text c="dimmed" size="sm">
                {t("invitations.askAgain")}
              </Text>
              <Button component={Link} to="/login" variant="light">
                {t("invitations.toLogin")}
              </Button>
            </Stack>
          </Paper>
        ) : (
          <ApiErrorAlert error={link.error} />
        )}
      </Frame>
    );
  }
  const { workspaceName, email, role } = link.data;
  return (
    <Frame>
      <Stack gap={4} align="center">
        <Title order={1} size="h2" ta="center">
          {t("invitations.joinTitle", { workspace: workspaceName })}
        </Title>
        <Text c="dimmed" size="sm" ta="center">
          {t("invitations.joinBody", { email, role: t(`roles.${role}`) })}
        </Text>
      </Stack>
      <Paper withBorder shadow="sm" p="xl" radius="lg">
        <Tabs defaultValue="new">
          <Tabs.List grow mb="md">
            <Tabs.Tab value="new">{t("invitations.newAccount")}</Tabs.Tab>
            <Tabs.Tab value="existing">{t("invitations.existingAccount")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="new">
            <NewAccountForm token={token} />
          </Tabs.Panel>
          <Tabs.Panel value="existing">
            <ExistingAccountForm token={token} email={email} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Frame>
  );
};

/** After joining: the session now points at the workspace; start from the accounts. */
const useJoined = () => {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await queryClient.resetQueries({ queryKey: meQueryOptions().queryKey });
    await navigate({ to: "/accounts" });
  };
};

const NewAccountForm = ({ token }: { token: string }) => {
  const { t } = useTranslation();
  const joined = useJoined();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { name: "", password: "" },
    validate: {
      name: (value) =>
        value.trim()
          ? hasLength({ max: 200 }, t("common.tooLong", { max: 200 }))(value)
          : t("users.nameRequired"),
      password: (value) => (value.length < MIN_PASSWORD ? t("users.passwordTooShort") : null),
    },
  });
  const join = useMutation({
    mutationFn: (values: { name: string; password: string }) =>
      acceptInvitation(token, { name: values.name.trim(), password: values.password }),
    onSuccess: joined,
  });
  const otherProblems = useServerErrors(form, join.error, ["name", "password"]);
  return (
    <form onSubmit={form.onSubmit((values) => join.mutate(values))} noValidate>
      <Stack>
        <FormErrorAlert error={join.error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("users.name"))}
          autoComplete="name"
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ "aria-label": t("common.toggleVisibility") }}
          {...requiredField(t("invitations.choosePassword"))}
          description={t("users.passwordTooShort")}
          autoComplete="new-password"
          key={form.key("password")}
          {...form.getInputProps("password")}
        />
        <Button type="submit" fullWidth loading={join.isPending}>
          {t("invitations.createAndJoin")}
        </Button>
      </Stack>
    </form>
  );
};

const ExistingAccountForm = ({ token, email }: { token: string; email: string }) => {
  const { t } = useTranslation();
  const joined = useJoined();
  const form = useForm({ mode: "uncontrolled", initialValues: { password: "" } });
  const join = useMutation({
    mutationFn: async ({ password }: { password: string }) => {
      const { error } = await authClient.signIn.email({ email, password });
      if (error) throw new Error("credentials");
      return acceptInvitation(token, {});
    },
    onSuccess: joined,
  });
  const badCredentials = join.error instanceof Error && join.error.message === "credentials";
  return (
    <form onSubmit={form.onSubmit((values) => join.mutate(values))} noValidate>
      <Stack>
        {badCredentials ? (
          <Alert color="red" variant="light" role="alert">
            {t("auth.failed")}
          </Alert>
        ) : (
          <FormErrorAlert error={join.error} otherProblems={[]} />
        )}
        <TextInput label={t("users.email")} value={email} readOnly />
        <PasswordInput
          visibilityToggleButtonProps={{ "aria-label": t("common.toggleVisibility") }}
          {...requiredField(t("auth.password"))}
          autoComplete="current-password"
          key={form.key("password")}
          {...form.getInputProps("password")}
        />
        <Button type="submit" fullWidth loading={join.isPending}>
          {t("invitations.logInAndJoin")}
        </Button>
      </Stack>
    </form>
  );
};
