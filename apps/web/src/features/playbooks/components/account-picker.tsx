import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { accountListQueryOptions } from "../../accounts/accounts.queries";

export type PickedAccount = { id: string; name: string };

type Props = {
  label: string;
  placeholder: string;
  value: PickedAccount | null;
  onChange: (account: PickedAccount | null) => void;
};

/** An account chosen by typing part of its name (the accounts list's search). */
export const AccountPicker = ({ label, placeholder, value, onChange }: Props) => {
  const [search, setSearch] = useState(value?.name ?? "");
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useInfiniteQuery({
    ...accountListQueryOptions(q ? { q } : {}),
    placeholderData: keepPreviousData,
  });
  const found = list.data?.pages[0]?.data ?? [];
  const data = [
    ...(value && !found.some((account) => account.id === value.id)
      ? [{ value: value.id, label: value.name }]
      : []),
    ...found.slice(0, 30).map((account) => ({ value: account.id, label: account.name })),
  ];
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id, option) => onChange(id ? { id, name: option?.label ?? id } : null)}
      nothingFoundMessage={list.isFetching ? "…" : undefined}
    />
  );
};
