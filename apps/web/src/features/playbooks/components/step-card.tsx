import {
  ActionIcon,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import {
  contactRoles,
  type DisplayText,
  type OwnerRule,
  type PlaybookStepKind,
  touchModels,
  type WorkspaceRole,
  workspaceRoles,
} from "@michi/core";
import { useTranslation } from "react-i18next";
import { DisplayTextInput } from "../../cs-settings/components/display-text-input";
import { defaultStep, type StepDraft } from "../editor-model";
import { ConditionWords } from "./condition-words";

export const stepKinds: PlaybookStepKind[] = [
  "createTask",
  "sendEmail",
  "addNote",
  "wait",
  "stopIf",
  "setField",
  "postToChat",
  "callWebhook",
];

type Option = { value: string; label: string };

const numberOr = (value: string | number, fallback: number) =>
  typeof value === "number" ? value : Number.parseInt(value, 10) || fallback;

/** Who: the account's owner, the first member with a role, or one member. */
const OwnerRuleFields = ({
  value,
  onChange,
  error,
  memberOptions,
  label,
}: {
  value: OwnerRule;
  onChange: (rule: OwnerRule) => void;
  error: string | undefined;
  memberOptions: Option[];
  label: string;
}) => {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start">
      <Select
        label={label}
        data={(["accountOwner", "role", "user"] as const).map((kind) => ({
          value: kind,
          label: t(`playbooks.ownerKinds.${kind}`),
        }))}
        value={value.kind}
        allowDeselect={false}
        onChange={(kind) => {
          if (kind === "accountOwner") onChange({ kind });
          if (kind === "role") onChange({ kind, role: "csm" });
          if (kind === "user") onChange({ kind, userId: memberOptions[0]?.value ?? "" });
        }}
        error={value.kind === "accountOwner" ? error : undefined}
      />
      {value.kind === "role" ? (
        <Select
          label={t("playbooks.editor.role")}
          data={workspaceRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={value.role}
          allowDeselect={false}
          onChange={(role) => role && onChange({ kind: "role", role: role as WorkspaceRole })}
          error={error}
        />
      ) : value.kind === "user" ? (
        <Select
          label={t("playbooks.editor.member")}
          data={memberOptions}
          value={value.userId || null}
          searchable
          allowDeselect={false}
          onChange={(userId) => userId && onChange({ kind: "user", userId })}
          error={error}
        />
      ) : null}
    </Group>
  );
};

type Props = {
  step: StepDraft;
  index: number;
  count: number;
  onChange: (step: StepDraft) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  /** The problem at a path inside this step ("" for the step as a whole). */
  errorAt: (path: string) => string | undefined;
  memberOptions: Option[];
};

/** One step of the playbook: its kind, then the form of that kind. */
export const StepCard = ({
  step,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  errorAt,
  memberOptions,
}: Props) => {
  const { t } = useTranslation();
  const n = index + 1;
  const set = (patch: Record<string, unknown>) => onChange({ ...step, ...patch } as StepDraft);
  const textErrors = (path: string) => ({
    ...(errorAt(path) ? { "": errorAt(path) as string } : {}),
    ...(errorAt(`${path}.ja`) ? { ja: errorAt(`${path}.ja`) as string } : {}),
    ...(errorAt(`${path}.en`) ? { en: errorAt(`${path}.en`) as string } : {}),
  });
  const text = (
    label: string,
    path: string,
    value: DisplayText | undefined,
    apply: (value: DisplayText) => void,
    multiline = false,
  ) => (
    <DisplayTextInput
      label={label}
      value={value}
      onChange={(next) => apply(next ?? { ja: "", en: "" })}
      errors={textErrors(path)}
      multiline={multiline}
    />
  );

  const form = () => {
    switch (step.kind) {
      case "createTask":
        return (
          <>
            {text(t("playbooks.editor.taskTitle"), "title", step.title, (title) => set({ title }))}
            <OwnerRuleFields
              label={t("playbooks.editor.owner")}
              value={step.owner}
              onChange={(owner) => set({ owner })}
              error={errorAt("owner")}
              memberOptions={memberOptions}
            />
            <NumberInput
              label={t("playbooks.editor.dueInBusinessDays")}
              min={0}
              max={250}
              allowDecimal={false}
              value={step.dueInBusinessDays}
              onChange={(value) => set({ dueInBusinessDays: numberOr(value, 0) })}
              error={errorAt("dueInBusinessDays")}
              maw={240}
            />
          </>
        );
      case "sendEmail":
        return (
          <>
            <Group grow align="flex-start">
              <Select
                label={t("playbooks.editor.recipientKind")}
                data={(["contact", "member"] as const).map((kind) => ({
                  value: kind,
                  label: t(`playbooks.editor.recipientKinds.${kind}`),
                }))}
                value={step.to.kind}
                allowDeselect={false}
                onChange={(kind) =>
                  set({
                    to:
                      kind === "member"
                        ? { kind: "member", owner: { kind: "accountOwner" } }
                        : { kind: "contact", role: "primary" },
                  })
                }
              />
              {step.to.kind === "contact" ? (
                <Select
                  label={t("playbooks.editor.contactRole")}
                  data={contactRoles.map((role) => ({
                    value: role,
                    label: t(`playbooks.contactRoles.${role}`),
                  }))}
                  value={step.to.role}
                  allowDeselect={false}
                  onChange={(role) => role && set({ to: { kind: "contact", role } })}
                  error={errorAt("to")}
                />
              ) : null}
            </Group>
            {step.to.kind === "member" ? (
              <OwnerRuleFields
                label={t("playbooks.editor.recipient")}
                value={step.to.owner}
                onChange={(owner) => set({ to: { kind: "member", owner } })}
                error={errorAt("to")}
                memberOptions={memberOptions}
              />
            ) : null}
            {text(
              t("playbooks.editor.subject"),
              "template.subject",
              step.template.subject,
              (subject) => set({ template: { ...step.template, subject } }),
            )}
            {text(
              t("playbooks.editor.text"),
              "template.text",
              step.template.text,
              (value) => set({ template: { ...step.template, text: value } }),
              true,
            )}
            {text(
              t("playbooks.editor.html"),
              "template.html",
              step.template.html,
              (html) => set({ template: { ...step.template, html } }),
              true,
            )}
          </>
        );
      case "callWebhook":
        return (
          <TextInput
            label={t("playbooks.editor.url")}
            type="url"
            value={step.url}
            onChange={(event) => set({ url: event.currentTarget.value })}
            error={errorAt("url")}
          />
        );
      case "postToChat":
        return (
          <>
            <TextInput
              label={t("playbooks.editor.url")}
              type="url"
              value={step.url}
              onChange={(event) => set({ url: event.currentTarget.value })}
              error={errorAt("url")}
            />
            {text(
              t("playbooks.editor.chatText"),
              "text",
              step.text,
              (value) => set({ text: value }),
              true,
            )}
          </>
        );
      case "setField":
        return (
          <Group grow align="flex-start">
            <Select
              label={t("playbooks.editor.field")}
              data={(["touchModel", "owner", "segment"] as const).map((field) => ({
                value: field,
                label: t(`playbooks.setFields.${field}`),
              }))}
              value={step.field}
              allowDeselect={false}
              onChange={(field) => {
                if (field === "touchModel") set({ field, value: "high" });
                if (field === "owner") set({ field, value: { kind: "accountOwner" } });
                if (field === "segment") set({ field, value: "" });
              }}
              error={errorAt("field")}
            />
            {step.field === "touchModel" ? (
              <Select
                label={t("playbooks.editor.touchModel")}
                data={touchModels.map((value) => ({ value, label: t(`touchModel.${value}`) }))}
                value={step.value}
                allowDeselect={false}
                onChange={(value) => value && set({ value })}
                error={errorAt("value")}
              />
            ) : step.field === "segment" ? (
              <TextInput
                label={t("playbooks.editor.segment")}
                value={step.value}
                onChange={(event) => set({ value: event.currentTarget.value })}
                error={errorAt("value")}
              />
            ) : (
              <OwnerRuleFields
                label={t("playbooks.editor.owner")}
                value={step.value}
                onChange={(value) => set({ value })}
                error={errorAt("value")}
                memberOptions={memberOptions}
              />
            )}
          </Group>
        );
      case "addNote":
        return text(
          t("playbooks.editor.noteBody"),
          "body",
          step.body,
          (body) => set({ body }),
          true,
        );
      case "wait":
        return (
          <NumberInput
            label={t("playbooks.editor.waitDays")}
            min={1}
            max={365}
            allowDecimal={false}
            value={step.days}
            onChange={(value) => set({ days: numberOr(value, 1) })}
            error={errorAt("days")}
            maw={240}
          />
        );
      case "stopIf":
        return (
          <>
            <ConditionWords json={step.conditionText ?? ""} stop />
            <Textarea
              label={t("playbooks.editor.condition")}
              description={t("playbooks.editor.conditionHelp")}
              value={step.conditionText ?? ""}
              onChange={(event) => set({ conditionText: event.currentTarget.value })}
              error={errorAt("conditionText")}
              autosize
              minRows={2}
              ff="monospace"
            />
          </>
        );
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="li"
      aria-label={t("playbooks.editor.stepN", { n })}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={600} size="sm">
              {t("playbooks.editor.stepN", { n })}
            </Text>
            <Select
              aria-label={t("playbooks.editor.stepKind")}
              data={stepKinds.map((kind) => ({
                value: kind,
                label: t(`playbooks.stepKinds.${kind}`),
              }))}
              value={step.kind}
              allowDeselect={false}
              onChange={(kind) => {
                if (!kind || kind === step.kind) return;
                const next = defaultStep(kind as PlaybookStepKind);
                onChange({
                  ...next,
                  uid: step.uid,
                  ...(next.kind === "stopIf"
                    ? { conditionText: JSON.stringify(next.condition, null, 2) }
                    : {}),
                } as StepDraft);
              }}
              w={220}
            />
          </Group>
          <Group gap={4} wrap="nowrap">
            <Tooltip label={t("playbooks.editor.moveUp", { n })}>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={index === 0}
                onClick={() => onMove(-1)}
                aria-label={t("playbooks.editor.moveUp", { n })}
              >
                ↑
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("playbooks.editor.moveDown", { n })}>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={index === count - 1}
                onClick={() => onMove(1)}
                aria-label={t("playbooks.editor.moveDown", { n })}
              >
                ↓
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("playbooks.editor.removeStep", { n })}>
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={count === 1}
                onClick={onRemove}
                aria-label={t("playbooks.editor.removeStep", { n })}
              >
                ×
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {errorAt("") ? (
          <Text size="sm" c="red" role="alert">
            {errorAt("")}
          </Text>
        ) : null}
        {form()}
      </Stack>
    </Paper>
  );
};
