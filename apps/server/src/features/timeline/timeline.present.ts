import {
  type ContractStatus,
  contractStatuses,
  type DisplayText,
  type HealthBand,
  healthBands,
  type TimelineKind,
} from "@michi/core";
import { iso } from "../../lib/sql";
import type {
  EventEntry,
  InteractionEntry,
  KpiMeasurementEntry,
  PlanMeetingEntry,
  PlanStageEntry,
  RunEntry,
  TaskEntry,
  TimelineKey,
} from "./timeline.queries";
import type { TimelineItem, TimelineUserRef } from "./timeline.schemas";

/*
 * Each source's row as a timeline item: the one place items are shaped.
 * Names of users are filled in afterwards, for the whole page at once:
 * `build` takes the lookup.
 */

export type Names = (userId: string | null) => TimelineUserRef;

export type Drafted = {
  key: TimelineKey;
  userIds: string[];
  build: (name: Names) => TimelineItem;
};

/** The API's `at`: ISO 8601 with milliseconds, from the key's microseconds. */
const atOf = (atKey: string) => `${atKey.slice(0, 23)}Z`;

const draft = (
  key: TimelineKey,
  userIds: readonly (string | null)[],
  build: (name: Names) => TimelineItem,
): Drafted => ({
  key,
  userIds: userIds.filter((id): id is string => id !== null),
  build,
});

const mentionsOf = (ids: readonly string[], name: Names) =>
  ids.map((id) => name(id) ?? { id, name: null });

export const presentInteraction = (row: InteractionEntry): Drafted => {
  const key: TimelineKey = { at: row.atKey, kind: row.kind, id: row.id };
  const base = { id: row.id, at: atOf(row.atKey) };
  return draft(key, [row.authorUserId, ...row.mentionedUserIds], (name) => {
    if (row.kind === "email") {
      return {
        kind: "email",
        ...base,
        subject: row.subject,
        body: row.body,
        to: row.emailTo,
        status: row.emailStatus,
        detail: row.emailDetail,
        playbookRunId: row.playbookRunId,
      };
    }
    const touchpoint = {
      ...base,
      subject: row.subject,
      body: row.body,
      mentions: mentionsOf(row.mentionedUserIds, name),
      author: name(row.authorUserId),
      playbookRunId: row.playbookRunId,
    };
    if (row.kind === "meeting") {
      return {
        kind: "meeting",
        ...touchpoint,
        source: "interaction",
        plan: null,
        audience: null,
        decisions: null,
      };
    }
    return { kind: row.kind, ...touchpoint };
  });
};

export const presentTask = (row: TaskEntry, event: "created" | "completed"): Drafted => {
  const by = event === "created" ? row.createdByUserId : row.completedByUserId;
  return draft({ at: row.atKey, kind: "task", id: row.id }, [row.ownerUserId, by], (name) => ({
    kind: "task",
    id: row.id,
    at: atOf(row.atKey),
    event,
    taskId: row.taskId,
    title: row.title,
    status: row.status,
    owner: name(row.ownerUserId),
    dueDate: row.dueDate,
    resultCode: row.resultCode,
    by: name(by),
    playbookRunId: row.playbookRunId,
  }));
};

export const presentRun = (row: RunEntry): Drafted =>
  draft({ at: row.atKey, kind: "playbookRun", id: row.id }, [row.startedByUserId], (name) => ({
    kind: "playbookRun",
    id: row.id,
    at: atOf(row.atKey),
    playbookId: row.playbookId,
    playbookName: (row.playbookName ?? "") as DisplayText,
    status: row.status,
    steps: row.steps,
    startedBy: name(row.startedByUserId),
    finishedAt: row.finishedAt ? iso(row.finishedAt) : null,
  }));

const text = (value: unknown) => (typeof value === "string" ? value : null);
const numberOf = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value)
    ? value
    : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))
      ? Number(value)
      : null;
const bandOf = (value: unknown): HealthBand | null =>
  (healthBands as readonly unknown[]).includes(value) ? (value as HealthBand) : null;
const contractStatusOf = (value: unknown): ContractStatus | null =>
  (contractStatuses as readonly unknown[]).includes(value) ? (value as ContractStatus) : null;

/** An account event's row; undefined for one whose body is not what the triggers write. */
export const presentEvent = (row: EventEntry): Drafted | undefined => {
  const key = { at: row.atKey, kind: row.kind as TimelineKind, id: row.id };
  const base = { id: row.id, at: atOf(row.atKey) };
  const data = row.data;
  switch (row.type) {
    case "account.health_band_changed":
      return draft(key, [], () => ({
        kind: "healthBand",
        ...base,
        from: bandOf(data.from),
        to: bandOf(data.to),
        score: numberOf(data.score),
      }));
    case "account.phase_changed": {
      const to = text(data.to);
      if (to === null) return undefined;
      return draft(key, [], () => ({ kind: "phase", ...base, from: text(data.from), to }));
    }
    case "account.maturity_changed": {
      const to = numberOf(data.to);
      if (to === null) return undefined;
      return draft(key, [], () => ({
        kind: "maturity",
        ...base,
        product: text(data.product) ?? "",
        from: numberOf(data.from),
        to,
      }));
    }
    case "account.contract_created":
    case "account.contract_ended":
      return draft(key, [], () => ({
        kind: "contract",
        ...base,
        event: row.type === "account.contract_created" ? "created" : "ended",
        contractId: text(data.contractId) ?? "",
        product: text(data.product),
        mrrMinor: numberOf(data.mrrMinor),
        currency: text(data.currency),
        startDate: text(data.startDate),
        endDate: text(data.endDate),
        status: contractStatusOf(data.status),
      }));
    default:
      return undefined;
  }
};

export const presentPlanMeeting = (row: PlanMeetingEntry): Drafted =>
  draft({ at: row.atKey, kind: "meeting", id: row.id }, [row.createdByUserId], (name) => ({
    kind: "meeting",
    id: row.id,
    at: atOf(row.atKey),
    source: "plan",
    subject: row.title,
    body: row.notes ?? "",
    mentions: [],
    author: name(row.createdByUserId),
    playbookRunId: null,
    plan: { id: row.planId, title: row.planTitle },
    audience: row.audience,
    decisions: row.decisions,
  }));

export const presentPlanStage = (row: PlanStageEntry): Drafted =>
  draft({ at: row.atKey, kind: "planStage", id: row.id }, [], () => ({
    kind: "planStage",
    id: row.id,
    at: atOf(row.atKey),
    plan: { id: row.planId, title: row.planTitle },
    stage: row.number,
    closedByName: row.closedByName,
  }));

export const presentKpiMeasurement = (row: KpiMeasurementEntry): Drafted =>
  draft({ at: row.atKey, kind: "kpiMeasurement", id: row.id }, [], () => ({
    kind: "kpiMeasurement",
    id: row.id,
    at: atOf(row.atKey),
    plan: { id: row.planId, title: row.planTitle },
    kpiKey: row.kpiKey,
    kpiName: row.kpiName,
    unit: row.unit,
    date: row.date,
    value: row.value,
    target: row.target,
    note: row.note,
  }));
