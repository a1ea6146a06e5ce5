import { Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { type TaskResultCode, taskResultCodes } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { DateField } from "../../../components/date-field";
import { useOwners } from "../../accounts/use-owners";
import { useCompleteAccountTask, usePatchAccountTask } from "../use-work-queue-actions";
import type { WorkQueueItem } from "../work-queue.queries";

type Props = { task: WorkQueueItem; onClose: () => void };

const Buttons = ({
  pending,
  label,
  onCancel,
}: {
  pending: boolean;
  label: string;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={pending}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={pending}>
        {label}
      </Button>
    </Group>
  );
};

/** Complete an account task: how it ended, and a note for the account's timeline. */
export const CompleteTaskDialog = ({ task, onClose }: Props) => {
  const { t } = useTranslation();
  const [resultCode, setResultCode] = useState<TaskResultCode>("resolved");
  const [note, setNote] = useState("");
  const complete = useCompleteAccountTask(onClose);
  return (
    <Modal opened onClose={onClose} title={t("workQueue.completeTitle")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          complete.mutate({ task, json: { resultCode, ...(note.trim() ? { note } : {}) } });
        }}
      >
        <Stack>
          <Text fw={500}>{task.title}</Text>
          <ApiErrorAlert error={complete.error} />
          <Select
            label={t("workQueue.resultCode")}
            data={taskResultCodes.map((code) => ({
              value: code,
              label: t(`workQueue.resultCodes.${code}`),
            }))}
            value={resultCode}
            onChange={(value) => value && setResultCode(value as TaskResultCode)}
            allowDeselect={false}
            data-autofocus
          />
          <Textarea
            label={t("workQueue.note")}
            description={t("workQueue.noteDescription")}
            autosize
            minRows={3}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Buttons
            pending={complete.isPending}
            label={t("workQueue.complete")}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
};

/** Hide an account task until a day (or show it again). */
export const SnoozeTaskDialog = ({ task, onClose }: Props) => {
  const { t } = useTranslation();
  const [until, setUntil] = useState(task.snoozedUntil ?? "");
  const patch = usePatchAccountTask(onClose);
  return (
    <Modal opened onClose={onClose} title={t("workQueue.snoozeTitle")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          patch.mutate({ task, json: { snoozedUntil: until || null } });
        }}
      >
        <Stack>
          <Text fw={500}>{task.title}</Text>
          <ApiErrorAlert error={patch.error} />
          <DateField
            label={t("workQueue.snoozeUntil")}
            description={t("workQueue.snoozeDescription")}
            value={until}
            onChange={setUntil}
            data-autofocus
          />
          <Group justify="space-between">
            {task.snoozedUntil ? (
              <Button
                variant="subtle"
                onClick={() => patch.mutate({ task, json: { snoozedUntil: null } })}
                disabled={patch.isPending}
              >
                {t("workQueue.unsnooze")}
              </Button>
            ) : (
              <span />
            )}
            <Buttons pending={patch.isPending} label={t("workQueue.snooze")} onCancel={onClose} />
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};

/** Hand an account task to another member (or to nobody). */
export const ReassignTaskDialog = ({ task, onClose }: Props) => {
  const { t } = useTranslation();
  const owners = useOwners();
  const [owner, setOwner] = useState<string | null>(task.owner?.userId ?? null);
  const patch = usePatchAccountTask(onClose);
  return (
    <Modal opened onClose={onClose} title={t("workQueue.reassignTitle")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          patch.mutate({ task, json: { ownerUserId: owner } });
        }}
      >
        <Stack>
          <Text fw={500}>{task.title}</Text>
          <ApiErrorAlert error={patch.error} />
          <Select
            label={t("workQueue.newOwner")}
            placeholder={t("workQueue.noOwner")}
            data={owners.options}
            value={owner}
            onChange={setOwner}
            clearable
            searchable
            data-autofocus
          />
          <Buttons pending={patch.isPending} label={t("workQueue.reassign")} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
};
