import { notifications } from "@mantine/notifications";
import { checkPlan, type PlanDocument, type PlanFinding } from "@michi/core";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../lib/api-client";
import { problemText } from "../../lib/problem-text";
import type { PlanUpdate } from "./plan-edits";
import {
  addMeasurement,
  type MeasurementInput,
  type Plan,
  planKeys,
  planQueryOptions,
  savePlanDocument,
  savePlanLayout,
} from "./success-plans.queries";
import { usePlanCheckOptions } from "./use-plan-check-options";

type Pending = { id: number; update: PlanUpdate };

/**
 * The plan being edited. Edits show at once (optimistic) and are saved one
 * after another (a mutation scope), each on the version the last save
 * returned, so a person's own quick edits never conflict. When someone else
 * saved meanwhile (409) the plan is reloaded and the person told; a 422 undoes
 * the edit and shows the server's problems.
 */
export const usePlanEditor = (planId: string) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: plan } = useSuspenseQuery(planQueryOptions(planId));
  const checkOptions = usePlanCheckOptions(planId);
  const [pending, setPending] = useState<Pending[]>([]);
  const nextId = useRef(1);
  const planKey = planKeys.detail(planId);

  const afterSave = useCallback(
    (saved: Plan) => {
      queryClient.setQueryData(planKey, saved);
      void queryClient.invalidateQueries({ queryKey: planKeys.history(planId) });
      void queryClient.invalidateQueries({ queryKey: planKeys.ofAccount(saved.accountId) });
    },
    [queryClient, planKey, planId],
  );

  const handleError = useCallback(
    async (error: unknown) => {
      if (isApiError(error) && error.status === 409) {
        setPending([]);
        await queryClient.refetchQueries({ queryKey: planKey, exact: true });
        notifications.show({
          color: "orange",
          title: t("plans.conflictTitle"),
          message: t("plans.conflictBody"),
          autoClose: 10_000,
        });
        return;
      }
      const problems = isApiError(error)
        ? error.errors.map((p) => `${p.pointer}: ${problemText(p)}`).join("\n")
        : "";
      notifications.show({
        color: "red",
        title: t("plans.saveFailed"),
        message: problems || (error instanceof Error ? error.message : t("errors.unknown")),
        autoClose: 10_000,
      });
    },
    [queryClient, planKey, t],
  );

  const save = useMutation({
    scope: { id: `plan-${planId}` },
    mutationFn: ({ update }: Pending) => {
      // The latest saved plan: earlier saves in the scope have put theirs in the cache.
      const base = queryClient.getQueryData<Plan>(planKey) ?? plan;
      return savePlanDocument(planId, { version: base.version, document: update(base.document) });
    },
    onSuccess: afterSave,
    onError: handleError,
    onSettled: (_data, _error, { id }) =>
      setPending((list) => list.filter((item) => item.id !== id)),
  });

  const measure = useMutation({
    scope: { id: `plan-${planId}` },
    mutationFn: ({ key, input }: { key: string; input: MeasurementInput }) =>
      addMeasurement(planId, key, input),
    onSuccess: afterSave,
  });

  const layout = useMutation({
    scope: { id: `plan-${planId}` },
    mutationFn: (positions: Record<string, { x: number; y: number } | null>) =>
      savePlanLayout(planId, positions),
    onMutate: (positions) => {
      queryClient.setQueryData<Plan>(planKey, (old) => {
        if (!old) return old;
        const next = { ...old.layout };
        for (const [key, position] of Object.entries(positions)) {
          if (position) next[key] = position;
          else delete next[key];
        }
        return { ...old, layout: next };
      });
    },
    onSuccess: (saved) =>
      queryClient.setQueryData<Plan>(planKey, (old) =>
        old ? { ...old, layout: saved.layout } : old,
      ),
    onError: handleError,
  });

  /** Applies an edit now and saves it; resolves when saved (or failed, already reported). */
  const update = useCallback(
    (change: PlanUpdate) => {
      const item = { id: nextId.current++, update: change };
      setPending((list) => [...list, item]);
      return save.mutateAsync(item).then(
        () => true,
        () => false,
      );
    },
    [save],
  );

  const document: PlanDocument = useMemo(
    () => pending.reduce((doc, item) => item.update(doc), plan.document),
    [plan.document, pending],
  );

  /** The day the plan is checked on: today in Tokyo, as the server counts it. */
  const today = checkOptions.today;
  /** The same checks the server runs, on the document as shown: instant feedback while editing. */
  const findings: PlanFinding[] = useMemo(
    () => checkPlan(document, checkOptions),
    [document, checkOptions],
  );

  return {
    plan,
    document,
    findings,
    today,
    update,
    saving: pending.length > 0 || measure.isPending,
    addMeasurement: measure,
    /** Keeps node positions of the プ譜 (null forgets one, so the automatic layout places it). */
    savePositions: layout.mutate,
  };
};

export type PlanEditor = ReturnType<typeof usePlanEditor>;

/** Findings by the key of the element they point at. */
export const findingsByTarget = (findings: readonly PlanFinding[]) => {
  const map = new Map<string, PlanFinding[]>();
  for (const finding of findings) {
    const list = map.get(finding.target) ?? [];
    list.push(finding);
    map.set(finding.target, list);
  }
  return map;
};
