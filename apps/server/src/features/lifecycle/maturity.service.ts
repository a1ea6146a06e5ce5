import {
  AppError,
  type DisplayLanguage,
  describeMetric,
  describeRule,
  localizeText,
  maturityProductName,
  type RulePart,
} from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { attachUsageEventsOfAccount, evaluateAccounts, loadCsModel } from "../../recompute";
import { getAccount } from "../accounts/accounts.service";
import { findMaturityHistory } from "./maturity.queries";

/**
 * An account's maturity per product of the workspace's models: the stored
 * level (what the recompute last decided; no row = level 0) with its
 * history, and every level's rule judged now, so the screen can say what
 * the next level still needs.
 */
export const getAccountMaturity = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; lang: DisplayLanguage },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  const { lang } = params;
  await attachUsageEventsOfAccount(db, {
    workspaceId,
    accountId: account.id,
    externalId: account.externalId,
  });
  const at = new Date();
  const model = await loadCsModel(db, workspaceId);
  const [evaluations, stays] = await Promise.all([
    evaluateAccounts(db, { workspaceId, accountIds: [account.id], at, model }),
    findMaturityHistory(db, { workspaceId, accountId: account.id }),
  ]);
  const evaluation = evaluations.get(account.id);
  if (!evaluation) throw new AppError("not-found", "There is no such account in this workspace.");
  const partOf = (part: RulePart) => ({
    metric: part.key,
    label: describeMetric(part.metric, lang, model.usageLabels),
    op: part.op,
    value: part.value,
    actual: part.actual,
    holds: part.holds,
  });
  return {
    accountId: account.id,
    asOf: at.toISOString().slice(0, 10),
    products: model.maturityModels.map((maturityModel) => {
      const { product, levels } = maturityModel;
      const decision = evaluation.maturity[product];
      const history = stays.filter((stay) => stay.product === product);
      const current = history.find((stay) => stay.until === null);
      const level = current?.level ?? 0;
      const definitionOf = (n: number) => levels.find((candidate) => candidate.level === n);
      const above = definitionOf(level + 1);
      const aboveNow = decision?.levels.find((evaluated) => evaluated.level === level + 1);
      return {
        product,
        name: maturityProductName(maturityModel, model.usageLabels, lang),
        level,
        levelName:
          level === 0 ? null : localizeText(definitionOf(level)?.name ?? `Lv.${level}`, lang),
        since: current?.since.toISOString() ?? null,
        levels: levels.map((definition) => {
          const now = decision?.levels.find((evaluated) => evaluated.level === definition.level);
          return {
            level: definition.level,
            name: localizeText(definition.name, lang),
            description: definition.description ? localizeText(definition.description, lang) : null,
            rule: describeRule(definition.rule, lang, model.usageLabels),
            holds: now?.holds ?? false,
            parts: (now?.parts ?? []).map(partOf),
          };
        }),
        // The level above the stored one: what the CSM works on next.
        next:
          above === undefined
            ? null
            : {
                level: above.level,
                name: localizeText(above.name, lang),
                unmet: (aboveNow?.parts ?? []).filter((part) => !part.holds).map(partOf),
              },
        history: history.map((stay) => ({
          level: stay.level,
          since: stay.since.toISOString(),
          until: stay.until?.toISOString() ?? null,
        })),
      };
    }),
  };
};
