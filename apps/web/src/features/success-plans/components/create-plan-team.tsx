import { Group, Select, Stack, Text } from "@mantine/core";
import { planRolesBySide } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { accountQueryOptions } from "../../accounts/accounts.queries";
import { contactsQueryOptions } from "../../contacts/contacts.queries";
import { usersQueryOptions } from "../../users/users.queries";

export type CustomerRole = (typeof planRolesBySide.customer)[number];
/** A contact's choice in the dialog: a plan role, or left out of the team. */
export type ContactChoice = CustomerRole | "none";

/** What a contact starts as: contacts carry no plan role, so each is a user until told. */
export const DEFAULT_CONTACT_CHOICE: ContactChoice = "user";

type Props = {
  accountId: string;
  enabled: boolean;
  choices: Record<string, ContactChoice>;
  onChoose: (contactId: string, choice: ContactChoice) => void;
};

/**
 * The team a new plan starts with: the account owner as CSM (our side), and
 * each contact of the account in the role chosen here (the customer's side).
 */
export const CreatePlanTeam = ({ accountId, enabled, choices, onChoose }: Props) => {
  const { t } = useTranslation();
  const account = useQuery({ ...accountQueryOptions(accountId), enabled });
  const contacts = useQuery({ ...contactsQueryOptions(accountId), enabled });
  const users = useQuery({ ...usersQueryOptions(), enabled });
  const ownerId = account.data?.ownerUserId;
  const owner = users.data?.data.find((u) => u.userId === ownerId);
  const options = [
    ...planRolesBySide.customer.map((role) => ({ value: role, label: t(`plans.role.${role}`) })),
    { value: "none", label: t("plans.create.notInTeam") },
  ];
  return (
    <Stack gap={6}>
      <div>
        <Text size="sm" fw={500}>
          {t("plans.create.team")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("plans.create.teamHint")}
        </Text>
      </div>
      <Text size="sm">
        {owner
          ? t("plans.create.owner", { name: owner.name || owner.email })
          : account.isSuccess
            ? t("plans.create.noOwner")
            : null}
      </Text>
      {contacts.isSuccess && contacts.data.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("plans.create.noContacts")}
        </Text>
      ) : null}
      {(contacts.data?.data ?? []).map((contact) => (
        <Group key={contact.id} justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm" truncate>
            {contact.name}
            {contact.title ? (
              <Text span size="xs" c="dimmed">
                {` ${contact.title}`}
              </Text>
            ) : null}
          </Text>
          <Select
            aria-label={t("plans.create.contactRole", { name: contact.name })}
            data={options}
            value={choices[contact.id] ?? DEFAULT_CONTACT_CHOICE}
            onChange={(value) => onChoose(contact.id, (value ?? "none") as ContactChoice)}
            allowDeselect={false}
            w={180}
            size="xs"
          />
        </Group>
      ))}
    </Stack>
  );
};

/** The contacts to send: every listed contact not left out, in its role. */
export const chosenContacts = (
  contactIds: readonly string[],
  choices: Record<string, ContactChoice>,
) =>
  contactIds.flatMap((contactId) => {
    const choice = choices[contactId] ?? DEFAULT_CONTACT_CHOICE;
    return choice === "none" ? [] : [{ contactId, role: choice }];
  });
