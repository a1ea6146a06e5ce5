import { Button, Group, Select, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import {
  type AccountBandFilter,
  type AccountSort,
  accountBandFilters,
  accountSorts,
  touchModels,
} from "@michi/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAccountPicklists } from "../../cs-settings/use-account-picklists";
import type { AccountListSearch } from "../accounts.queries";
import { useOwners } from "../use-owners";

type Props = {
  search: AccountListSearch;
  onChange: (next: AccountListSearch) => void;
};

const sortLabelKeys = {
  name: "accounts.sortName",
  "-name": "accounts.sortNameDesc",
  createdAt: "accounts.sortCreatedAt",
  "-createdAt": "accounts.sortCreatedAtDesc",
  healthScore: "accounts.sortHealthScore",
  "-healthScore": "accounts.sortHealthScoreDesc",
  mrr: "accounts.sortMrr",
  "-mrr": "accounts.sortMrrDesc",
  renewalOn: "accounts.sortRenewalOn",
  "-renewalOn": "accounts.sortRenewalOnDesc",
} as const satisfies Record<AccountSort, string>;

const bandLabelKeys = {
  red: "health.band.red",
  yellow: "health.band.yellow",
  green: "health.band.green",
  none: "accounts.noScore",
} as const satisfies Record<AccountBandFilter, string>;

/** Customers (the default), churned accounts, or all. */
const accountStatuses = ["customer", "churned", "all"] as const;

/** Text filters wait for the typing to pause before asking the server. */
const useDebouncedText = (value: string | undefined, onSettled: (text: string) => void) => {
  const [text, setText] = useState(value ?? "");
  const [settled] = useDebouncedValue(text, 300);
  const sent = useRef(value ?? "");
  const latest = useRef(onSettled);
  latest.current = onSettled;
  useEffect(() => {
    const next = settled.trim();
    if (next === sent.current) return;
    sent.current = next;
    latest.current(next);
  }, [settled]);
  // The URL changed from elsewhere (clear filters, back button): show it.
  useEffect(() => {
    if ((value ?? "") === sent.current) return;
    sent.current = value ?? "";
    setText(value ?? "");
  }, [value]);
  return [text, setText] as const;
};

export const AccountFilters = ({ search, onChange }: Props) => {
  const { t } = useTranslation();
  const owners = useOwners();
  // The workspace's segments when it has a list; free text otherwise.
  const segmentChoices = useAccountPicklists().choices("segment");
  const set = (patch: Partial<AccountListSearch>) => {
    const next = { ...search, ...patch };
    // Keep the URL short: drop empty filters.
    for (const key of Object.keys(next) as (keyof AccountListSearch)[]) {
      if (next[key] === "" || next[key] === undefined || next[key] === null) delete next[key];
    }
    onChange(next);
  };
  const [q, setQ] = useDebouncedText(search.q, (text) => set({ q: text || undefined }));
  const [segment, setSegment] = useDebouncedText(search.segment, (text) =>
    set({ segment: text || undefined }),
  );
  const hasFilters = Boolean(
    search.q ||
      search.ownerUserId ||
      search.segment ||
      search.touchModel ||
      search.band ||
      search.status,
  );

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label={t("accounts.search")}
        placeholder={t("accounts.searchPlaceholder")}
        type="search"
        value={q}
        onChange={(event) => setQ(event.currentTarget.value)}
        w={{ base: "100%", sm: 260 }}
      />
      <Select
        label={t("accounts.owner")}
        placeholder={t("accounts.anyOwner")}
        data={owners.options}
        value={search.ownerUserId ?? null}
        onChange={(value) => set({ ownerUserId: value ?? undefined })}
        searchable
        clearable
        w={{ base: "calc(50% - 6px)", sm: 190 }}
      />
      {segmentChoices.length > 0 ? (
        <Select
          label={t("accounts.segment")}
          placeholder={t("accounts.anySegment")}
          data={segmentChoices}
          value={search.segment ?? null}
          onChange={(value) => set({ segment: value ?? undefined })}
          clearable
          w={{ base: "calc(50% - 6px)", sm: 160 }}
        />
      ) : (
        <TextInput
          label={t("accounts.segment")}
          placeholder={t("accounts.anySegment")}
          value={segment}
          onChange={(event) => setSegment(event.currentTarget.value)}
          w={{ base: "calc(50% - 6px)", sm: 160 }}
        />
      )}
      <Select
        label={t("touchModel.label")}
        placeholder={t("accounts.anyTouchModel")}
        data={touchModels.map((value) => ({ value, label: t(`touchModel.${value}`) }))}
        value={search.touchModel ?? null}
        onChange={(value) =>
          set({ touchModel: touchModels.find((model) => model === value) ?? undefined })
        }
        clearable
        w={{ base: "calc(50% - 6px)", sm: 190 }}
      />
      <Select
        label={t("health.score")}
        placeholder={t("accounts.anyBand")}
        data={accountBandFilters.map((value) => ({ value, label: t(bandLabelKeys[value]) }))}
        value={search.band ?? null}
        onChange={(value) => set({ band: accountBandFilters.find((band) => band === value) })}
        clearable
        w={{ base: "calc(50% - 6px)", sm: 170 }}
      />
      <Select
        label={t("accounts.status")}
        data={accountStatuses.map((value) => ({ value, label: t(`accounts.statuses.${value}`) }))}
        value={search.status ?? "customer"}
        onChange={(value) =>
          set({ status: value === "churned" || value === "all" ? value : undefined })
        }
        allowDeselect={false}
        w={{ base: "calc(50% - 6px)", sm: 150 }}
      />
      <Select
        label={t("accounts.sort")}
        data={accountSorts.map((value) => ({ value, label: t(sortLabelKeys[value]) }))}
        value={search.sort ?? "name"}
        onChange={(value) =>
          set({ sort: accountSorts.find((sort) => sort === value && sort !== "name") })
        }
        allowDeselect={false}
        w={{ base: "calc(50% - 6px)", sm: 180 }}
      />
      {hasFilters ? (
        <Button variant="subtle" onClick={() => onChange(search.sort ? { sort: search.sort } : {})}>
          {t("accounts.clearFilters")}
        </Button>
      ) : null}
    </Group>
  );
};
