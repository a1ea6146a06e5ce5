import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import type { PlanSide, PlanTeamMember } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { nextKey, putTeamMember, removeTeamMember } from "../plan-edits";
import { severityColor, useFindingMessage } from "../plan-findings";
import type { PlanEditor } from "../use-plan-editor";
import { TeamMemberForm } from "./team-member-form";

type Editing = { mode: "create" } | { mode: "edit"; member: PlanTeamMember } | null;

/** プロジェクト体制: who plays which role, on the customer's side and ours. */
export const TeamSection = ({ editor, canWrite }: { editor: PlanEditor; canWrite: boolean }) => {
  const { t } = useTranslation();
  const message = useFindingMessage();
  const team = editor.document.team ?? [];
  const [editing, setEditing] = useState<Editing>(null);
  const findings = editor.findings.filter((f) => f.target === "team");
  const links = editor.plan.teamLinks;

  const sideTable = (side: PlanSide) => {
    const members = team.filter((m) => m.side === side);
    return (
      <Paper withBorder radius="md" p="sm">
        <Text fw={700} size="sm" mb="xs">
          {side === "customer" ? t("plans.team.customer") : t("plans.team.vendor")}
        </Text>
        {members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.pufu.none")}
          </Text>
        ) : (
          <Table
            verticalSpacing={6}
            aria-label={side === "customer" ? t("plans.team.customer") : t("plans.team.vendor")}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("plans.team.role")}</Table.Th>
                <Table.Th>{t("plans.team.name")}</Table.Th>
                {canWrite ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((member) => {
                const link = links[member.key];
                return (
                  <Table.Tr key={member.key}>
                    <Table.Td>
                      <Badge variant="light" color={side === "customer" ? "orange" : "indigo"}>
                        {t(`plans.role.${member.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {member.name}
                        </Text>
                        {link?.contactId || link?.userId ? (
                          <Badge size="xs" variant="outline" color="gray">
                            {link.userId
                              ? t("plans.team.linkedUser")
                              : t("plans.team.linkedContact")}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {[member.title, member.email].filter(Boolean).join(" · ")}
                      </Text>
                    </Table.Td>
                    {canWrite ? (
                      <Table.Td ta="right">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t("plans.team.editNamed", { name: member.name })}
                          onClick={() => setEditing({ mode: "edit", member })}
                        >
                          {t("common.edit")}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    );
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t("plans.team.title")}
        </Title>
        {canWrite ? (
          <Button variant="light" onClick={() => setEditing({ mode: "create" })}>
            {t("plans.team.add")}
          </Button>
        ) : null}
      </Group>
      {findings.map((finding) => (
        <Alert
          key={finding.code}
          color={severityColor[finding.severity]}
          variant="light"
          title={t(`plans.severity.${finding.severity}`)}
        >
          {message(finding)}
        </Alert>
      ))}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>{sideTable("customer")}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>{sideTable("vendor")}</Grid.Col>
      </Grid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === "edit" ? t("plans.team.editTitle") : t("plans.team.createTitle")}
        size="lg"
      >
        {editing ? (
          <TeamMemberForm
            accountId={editor.plan.accountId}
            {...(editing.mode === "edit"
              ? {
                  member: editing.member,
                  onDelete: () => {
                    void editor.update(removeTeamMember(editing.member.key));
                    setEditing(null);
                  },
                }
              : {})}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => {
              const key =
                editing.mode === "edit"
                  ? editing.member.key
                  : nextKey(editor.document, values.side === "customer" ? "c" : "v");
              void editor.update(putTeamMember({ ...values, key }));
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
};
