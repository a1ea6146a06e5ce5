import {
  Anchor,
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { RowActions, RowConfirmDialog } from "../../../components/row-actions";
import { useCan } from "../../auth/use-me";
import {
  type Contact,
  type ContactInput,
  contactKeys,
  contactsQueryOptions,
  createContact,
  deleteContact,
  updateContact,
} from "../contacts.queries";
import { ContactForm } from "./contact-form";

type Editor = { mode: "create" } | { mode: "edit"; contact: Contact } | null;

export const ContactsPanel = ({ accountId }: { accountId: string }) => {
  const { t } = useTranslation();
  const canWrite = useCan("write");
  const queryClient = useQueryClient();
  const contacts = useQuery(contactsQueryOptions(accountId));
  const [editor, setEditor] = useState<Editor>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: contactKeys.ofAccount(accountId) });

  const save = useMutation({
    mutationFn: (body: ContactInput) =>
      editor?.mode === "edit"
        ? updateContact(editor.contact.id, body)
        : createContact(accountId, body),
    onSuccess: async () => {
      await refresh();
      notifications.show({
        color: "teal",
        message: editor?.mode === "edit" ? t("common.saved") : t("contacts.created"),
      });
      setEditor(null);
    },
  });
  const remove = useMutation({
    mutationFn: (contact: Contact) => deleteContact(contact.id),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: "teal", message: t("common.deleted") });
      setDeleting(null);
    },
  });
  const closeEditor = () => {
    setEditor(null);
    save.reset();
  };

  if (contacts.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (contacts.isError) return <ApiErrorAlert error={contacts.error} />;
  const rows = contacts.data.data;
  const dash = t("common.none");

  return (
    <Stack>
      <Group justify="space-between">
        <Text fw={600}>{t("contacts.title")}</Text>
        {canWrite ? (
          <Button size="sm" onClick={() => setEditor({ mode: "create" })}>
            {t("contacts.add")}
          </Button>
        ) : null}
      </Group>
      {rows.length === 0 ? (
        <EmptyState
          py="lg"
          title={t("contacts.empty")}
          description={t("contacts.emptyDescription")}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("contacts.name")}</Table.Th>
                <Table.Th>{t("contacts.jobTitle")}</Table.Th>
                <Table.Th>{t("contacts.department")}</Table.Th>
                <Table.Th>{t("contacts.email")}</Table.Th>
                <Table.Th>{t("contacts.externalId")}</Table.Th>
                {canWrite ? <Table.Th ta="right">{t("common.actions")}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td fw={500}>{contact.name}</Table.Td>
                  <Table.Td>{contact.title ?? dash}</Table.Td>
                  <Table.Td>{contact.department ?? dash}</Table.Td>
                  <Table.Td>
                    {contact.email ? (
                      <Anchor href={`mailto:${contact.email}`} size="sm">
                        {contact.email}
                      </Anchor>
                    ) : (
                      dash
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace" c="dimmed">
                    {contact.externalId ?? dash}
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <RowActions
                        editLabel={t("contacts.editNamed", { name: contact.name })}
                        deleteLabel={t("contacts.deleteNamed", { name: contact.name })}
                        onEdit={() => setEditor({ mode: "edit", contact })}
                        onDelete={() => setDeleting(contact)}
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editor !== null}
        onClose={closeEditor}
        title={editor?.mode === "edit" ? t("contacts.editTitle") : t("contacts.createTitle")}
        size="lg"
      >
        {editor ? (
          <ContactForm
            {...(editor.mode === "edit" ? { contact: editor.contact } : {})}
            pending={save.isPending}
            error={save.error}
            submitLabel={editor.mode === "edit" ? t("common.save") : t("common.create")}
            onSubmit={(body) => save.mutate(body)}
            onCancel={closeEditor}
          />
        ) : null}
      </Modal>
      <RowConfirmDialog
        row={deleting}
        action={remove}
        title={t("contacts.deleteTitle")}
        message={t("contacts.deleteBody", { name: deleting?.name ?? "" })}
        confirmLabel={t("common.delete")}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
};
