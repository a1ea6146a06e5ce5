import { Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  type PlanDocument,
  type PlanTask,
  type PlanTeamMember,
  type TaskStatus,
  taskStatuses,
} from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { usersQueryOptions, type WorkspaceUser } from "../../users/users.queries";
import { measureOptions, milestoneOptions } from "../plan-options";

const USER = "user:";

/**
 * Who a task can be given to: the team, by side, then the workspace's users
 * not yet in it (matched by email), whom choosing adds to our side.
 */
export const assigneeOptions = (
  doc: PlanDocument,
  users: readonly WorkspaceUser[],
  t: TFunction,
) => {
  const team = doc.team ?? [];
  const side = (s: "customer" | "vendor") =>
    team
      .filter((m) => m.side === s)
      .map((m) => ({
        value: m.key,
        label: t("plans.tasks.memberWithRole", { name: m.name, role: t(`plans.role.${m.role}`) }),
      }));
  const emails = new Set(team.flatMap((m) => (m.email ? [m.email.toLowerCase()] : [])));
  const others = users
    .filter((u) => !emails.has(u.email.toLowerCase()))
    .map((u) => ({ value: `${USER}${u.userId}`, label: u.name || u.email }));
  return [
    { group: t("plans.team.customer"), items: side("customer") },
    { group: t("plans.team.vendor"), items: side("vendor") },
    { group: t("plans.tasks.workspaceUsers"), items: others },
  ].filter((g) => g.items.length > 0);
};

/** The team member a workspace user becomes when given a task. */
const memberOfUser = (user: WorkspaceUser): Omit<PlanTeamMember, "key"> => ({
  name: user.name || user.email,
  email: user.email,
  side: "vendor",
  role: user.role === "csm" ? "csm" : "other",
});

type Props = {
  document: PlanDocument;
  task?: PlanTask;
  /** newOwner: a workspace user to add to the team as the task's owner. */
  onSubmit: (task: Omit<PlanTask, "key">, newOwner?: Omit<PlanTeamMember, "key">) => void;
  onCancel: () => void;
  onDelete?: () => void;
};

/** Work with an owner from the team (either side), a due date, linked to a measure or milestone. */
export const TaskForm = ({ document: doc, task, onSubmit, onCancel, onDelete }: Props) => {
  const { t } = useTranslation();
  const users = useQuery(usersQueryOptions());
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      title: task?.title ?? "",
      ownerKey: task?.ownerKey ?? null,
      dueDate: task?.dueDate ?? "",
      status: (task?.status ?? "todo") as TaskStatus,
      measureKey: task?.measureKey ?? null,
      milestoneKey: task?.milestoneKey ?? null,
    },
    validate: { title: (value) => (value.trim() ? null : t("plans.pufu.titleRequired")) },
  });
  const submit = form.onSubmit((values) => {
    const owner = values.ownerKey ?? undefined;
    const user = owner?.startsWith(USER)
      ? users.data?.data.find((u) => `${USER}${u.userId}` === owner)
      : undefined;
    onSubmit(
      {
        title: values.title.trim(),
        ownerKey: owner?.startsWith(USER) ? undefined : owner,
        dueDate: values.dueDate || undefined,
        status: values.status,
        measureKey: values.measureKey ?? undefined,
        milestoneKey: values.milestoneKey ?? undefined,
      },
      user ? memberOfUser(user) : undefined,
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          {...requiredField(t("plans.tasks.title"))}
          data-autofocus
          key={form.key("title")}
          {...form.getInputProps("title")}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t("plans.tasks.owner")}
            data={assigneeOptions(doc, users.data?.data ?? [], t)}
            nothingFoundMessage={t("plans.pufu.noTeamYet")}
            searchable
            clearable
            key={form.key("ownerKey")}
            {...form.getInputProps("ownerKey")}
          />
          <DateField
            label={t("plans.tasks.dueDate")}
            key={form.key("dueDate")}
            {...form.getInputProps("dueDate")}
          />
          <Select
            label={t("plans.tasks.status")}
            data={taskStatuses.map((value) => ({ value, label: t(`plans.taskStatus.${value}`) }))}
            allowDeselect={false}
            key={form.key("status")}
            {...form.getInputProps("status")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("plans.tasks.measure")}
            data={measureOptions(doc)}
            searchable
            clearable
            key={form.key("measureKey")}
            {...form.getInputProps("measureKey")}
          />
          <Select
            label={t("plans.tasks.milestone")}
            data={milestoneOptions(doc)}
            searchable
            clearable
            key={form.key("milestoneKey")}
            {...form.getInputProps("milestoneKey")}
          />
        </SimpleGrid>
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.tasks.delete")}
          onCancel={onCancel}
          submitLabel={task ? t("plans.tasks.save") : t("plans.tasks.add")}
        />
      </Stack>
    </form>
  );
};
