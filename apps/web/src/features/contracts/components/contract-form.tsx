import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import {
  type ContractStatus,
  contractStatuses,
  currencyFractionDigits,
  fromMinorUnits,
  toMinorUnits,
} from "@michi/core";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import type { Contract, ContractInput } from "../contracts.queries";

/** The currencies a CS team in Japan meets most; JPY first. */
const currencies = ["JPY", "USD", "EUR", "GBP", "CNY", "KRW", "SGD", "AUD"] as const;

/** The common list, plus the contract's own currency when it is another one. */
const currencyOptions = (current: string | undefined): string[] =>
  current && !currencies.some((code) => code === current)
    ? [...currencies, current]
    : [...currencies];

type Values = {
  product: string;
  /** In major units (yen, dollars), as typed; stored as minor units. */
  mrr: number | string;
  currency: string;
  startDate: string;
  endDate: string;
  status: ContractStatus;
  /** Empty when the contract does not count seats. */
  seats: number | string;
  externalId: string;
};

const FIELDS = [
  "product",
  "mrr",
  "currency",
  "startDate",
  "endDate",
  "status",
  "seats",
  "externalId",
];
/** The form shows the amount; the server's pointer names the stored minor units. */
const ALIASES = { mrrMinor: "mrr" };

type Props = {
  contract?: Contract;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (body: ContractInput) => void;
  onCancel: () => void;
};

export const ContractForm = ({
  contract,
  pending,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: Props) => {
  const { t, i18n } = useTranslation();
  const maxLength = (max: number) => hasLength({ max }, t("common.tooLong", { max }));
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      product: contract?.product ?? "",
      mrr: contract ? fromMinorUnits(contract.mrrMinor, contract.currency) : "",
      currency: contract?.currency ?? "JPY",
      startDate: contract?.startDate ?? "",
      endDate: contract?.endDate ?? "",
      status: contract?.status ?? "active",
      seats: contract?.seats ?? "",
      externalId: contract?.externalId ?? "",
    },
    validate: {
      product: (value) => (value.trim() ? maxLength(200)(value) : t("contracts.productRequired")),
      externalId: (value) => maxLength(200)(value),
      mrr: (value) => (typeof value === "number" && value >= 0 ? null : t("contracts.mrrInvalid")),
      seats: (value) =>
        value === "" || (typeof value === "number" && Number.isInteger(value) && value >= 0)
          ? null
          : t("contracts.seatsInvalid"),
      startDate: (value) => (value ? null : t("contracts.startRequired")),
      endDate: (value, values) =>
        value && values.startDate && value < values.startDate
          ? t("contracts.endBeforeStart")
          : null,
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS, ALIASES);
  const currency = form.values.currency;
  const digits = currencyFractionDigits(currency);

  const submit = form.onSubmit((values) =>
    onSubmit({
      product: values.product.trim(),
      mrrMinor: toMinorUnits(Number(values.mrr), values.currency),
      currency: values.currency,
      startDate: values.startDate,
      endDate: values.endDate || null,
      status: values.status,
      seats: values.seats === "" ? null : Number(values.seats),
      externalId: values.externalId.trim() || null,
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("contracts.product"))}
          data-autofocus
          {...form.getInputProps("product")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            {...requiredField(t("contracts.mrr"))}
            min={0}
            decimalScale={digits}
            fixedDecimalScale={digits > 0}
            thousandSeparator=","
            prefix={currencySymbol(currency, i18n.language)}
            {...form.getInputProps("mrr")}
          />
          <Select
            label={t("contracts.currency")}
            data={currencyOptions(contract?.currency)}
            allowDeselect={false}
            {...form.getInputProps("currency")}
          />
          <DateField
            {...requiredField(t("contracts.startDate"))}
            {...form.getInputProps("startDate")}
          />
          <DateField label={t("contracts.endDate")} {...form.getInputProps("endDate")} />
          <Select
            label={t("contracts.status")}
            data={contractStatuses.map((value) => ({
              value,
              label: t(`contracts.statuses.${value}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps("status")}
          />
          <NumberInput
            label={t("contracts.seats")}
            description={t("contracts.seatsHint")}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps("seats")}
          />
          <TextInput label={t("contracts.externalId")} {...form.getInputProps("externalId")} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** "￥" or "$" for the amount field, from Intl rather than a table. */
const currencySymbol = (currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: "currency", currency })
    .formatToParts(0)
    .find((part) => part.type === "currency")?.value ?? "";
