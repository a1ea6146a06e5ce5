import { displayNameOf, type UsageLabels } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { usageLabelsQueryOptions } from "./cs-settings.queries";
import { uiLanguage } from "./display-text";

/**
 * The workspace's names of events and products, for every place that shows
 * an event name or a product key: pass `labels` to core's describeMetric /
 * describeRule, or ask `eventName` / `productName`. Until they have loaded
 * (or when there is none) a name shows as sent.
 */
export const useUsageLabels = () => {
  const { i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const { data } = useQuery(usageLabelsQueryOptions());
  const labels: UsageLabels | undefined = data
    ? { events: data.events, products: data.products }
    : undefined;
  return {
    lang,
    labels,
    eventName: (event: string) => displayNameOf(labels, "event", event, lang),
    productName: (product: string) => displayNameOf(labels, "product", product, lang),
  };
};
