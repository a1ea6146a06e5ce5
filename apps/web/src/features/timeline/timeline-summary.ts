import { formatMoney, localizeText } from "@michi/core";
import type { TFunction } from "i18next";
import type { TimelineItem } from "./timeline.queries";

/** What a summary needs besides the item: the workspace's names for phases and products. */
export type SummaryNames = {
  lang: "ja" | "en";
  locale: string;
  phase: (key: string | null) => string;
  product: (key: string) => string;
};

const nameOf = (user: { name: string | null } | null, t: TFunction) =>
  user?.name ?? t("timeline.someone");

/** One line per item, in the UI language, with no stored code shown. */
export const timelineSummary = (item: TimelineItem, t: TFunction, names: SummaryNames): string => {
  switch (item.kind) {
    case "note":
      if (!item.author && item.playbookRunId) return t("timeline.summary.noteByPlaybook");
      return t("timeline.summary.note", { name: nameOf(item.author, t) });
    case "call":
      return item.subject
        ? t("timeline.summary.callAbout", { name: nameOf(item.author, t), subject: item.subject })
        : t("timeline.summary.call", { name: nameOf(item.author, t) });
    case "meeting":
      if (item.source === "plan") {
        return t("timeline.summary.planMeeting", {
          subject: item.subject ?? "",
          plan: item.plan?.title ?? "",
        });
      }
      return item.subject
        ? t("timeline.summary.meetingAbout", {
            name: nameOf(item.author, t),
            subject: item.subject,
          })
        : t("timeline.summary.meeting", { name: nameOf(item.author, t) });
    case "email": {
      const values = { subject: item.subject ?? "", to: item.to ?? t("timeline.someone") };
      if (item.status === "sent") return t("timeline.summary.emailSent", values);
      if (item.status === "failed") return t("timeline.summary.emailFailed", values);
      return t("timeline.summary.emailNotSent", values);
    }
    case "task":
      return item.event === "created"
        ? t("timeline.summary.taskCreated", { title: item.title })
        : t("timeline.summary.taskCompleted", {
            title: item.title,
            name: nameOf(item.by, t),
          });
    case "playbookRun":
      return t(`timeline.summary.run.${item.status}`, {
        name: localizeText(item.playbookName, names.lang),
      });
    case "healthBand":
      return item.from
        ? t("timeline.summary.healthBand", {
            from: t(`health.band.${item.from}`),
            to: item.to ? t(`health.band.${item.to}`) : t("timeline.noBand"),
          })
        : t("timeline.summary.healthBandFirst", {
            to: item.to ? t(`health.band.${item.to}`) : t("timeline.noBand"),
          });
    case "phase":
      return t("timeline.summary.phase", {
        from: names.phase(item.from),
        to: names.phase(item.to),
      });
    case "maturity":
      return item.from === null
        ? t("timeline.summary.maturityFirst", {
            product: names.product(item.product),
            to: item.to,
          })
        : t("timeline.summary.maturity", {
            product: names.product(item.product),
            from: item.from,
            to: item.to,
          });
    case "contract": {
      const amount =
        item.mrrMinor !== null && item.currency
          ? formatMoney(item.mrrMinor, item.currency, names.locale)
          : "";
      const values = { product: item.product ?? "", amount };
      if (item.event === "ended") return t("timeline.summary.contractEnded", values);
      return amount
        ? t("timeline.summary.contractCreatedWithMrr", values)
        : t("timeline.summary.contractCreated", values);
    }
    case "planStage":
      return t("timeline.summary.planStage", { plan: item.plan.title, stage: item.stage });
    case "kpiMeasurement":
      return t("timeline.summary.kpiMeasurement", {
        kpi: item.kpiName,
        value: `${new Intl.NumberFormat(names.locale, { maximumFractionDigits: 2 }).format(item.value)}${item.unit ? ` ${item.unit}` : ""}`,
      });
  }
};

/** A glyph per kind (no icon library in the app): decorative, the summary says it in words. */
export const kindGlyph: Record<TimelineItem["kind"], string> = {
  note: "✎",
  call: "☎",
  meeting: "◎",
  email: "✉",
  task: "✓",
  playbookRun: "▶",
  healthBand: "♥",
  phase: "➜",
  maturity: "▲",
  contract: "¥",
  planStage: "⚑",
  kpiMeasurement: "#",
};

export const kindColor: Record<TimelineItem["kind"], string> = {
  note: "blue",
  call: "teal",
  meeting: "grape",
  email: "cyan",
  task: "green",
  playbookRun: "indigo",
  healthBand: "red",
  phase: "orange",
  maturity: "lime",
  contract: "yellow",
  planStage: "violet",
  kpiMeasurement: "pink",
};
