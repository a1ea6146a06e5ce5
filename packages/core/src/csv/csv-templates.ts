import {
  type CsvColumn,
  type CsvEntity,
  type CsvLanguage,
  csvColumnLabel,
  csvColumns,
} from "./csv-columns";

type ExampleRow<E extends CsvEntity> = Record<CsvColumn<E>, string>;

/**
 * The one example row of each template, per language. The rows import as
 * they are, in order: the contact and the contract name the example account.
 * The owner is left empty: an example address would not be a member of the
 * workspace, and the import would refuse it.
 */
const exampleRows: { [E in CsvEntity]: Record<CsvLanguage, ExampleRow<E>> } = {
  accounts: {
    ja: {
      externalId: "A-0001",
      name: "株式会社サンプル物流",
      nameKana: "サンプルブツリュウ",
      industry: "物流",
      segment: "enterprise",
      ownerEmail: "",
      touchModel: "high",
      persona: "物流部長",
      challenges: "配車業務の属人化",
      successFactors: "配車にかかる時間の半減",
    },
    en: {
      externalId: "A-0001",
      name: "Example Logistics Inc.",
      nameKana: "",
      industry: "Logistics",
      segment: "enterprise",
      ownerEmail: "",
      touchModel: "high",
      persona: "Head of logistics",
      challenges: "Dispatching depends on a few people",
      successFactors: "Dispatch time halved",
    },
  },
  contacts: {
    ja: {
      externalId: "C-0001",
      accountExternalId: "A-0001",
      name: "山田 太郎",
      email: "yamada@example.co.jp",
      title: "部長",
      department: "物流部",
      notes: "最終評価者",
      accountName: "株式会社サンプル物流",
    },
    en: {
      externalId: "C-0001",
      accountExternalId: "A-0001",
      name: "Taro Yamada",
      email: "yamada@example.com",
      title: "Head of department",
      department: "Logistics",
      notes: "Final evaluator",
      accountName: "Example Logistics Inc.",
    },
  },
  contracts: {
    ja: {
      externalId: "K-0001",
      accountExternalId: "A-0001",
      product: "Michi Cloud",
      mrr: "120000",
      currency: "JPY",
      startDate: "2026/04/01",
      endDate: "2027/03/31",
      status: "active",
      seats: "50",
      accountName: "株式会社サンプル物流",
    },
    en: {
      externalId: "K-0001",
      accountExternalId: "A-0001",
      product: "Michi Cloud",
      mrr: "1200.00",
      currency: "USD",
      startDate: "2026-04-01",
      endDate: "2027-03-31",
      status: "active",
      seats: "50",
      accountName: "Example Logistics Inc.",
    },
  },
};

export type CsvTemplate = { header: string[]; rows: string[][] };

/**
 * A template for a file: the header in the language (csvColumnLabels) and one
 * example row, every column in the export's order.
 */
export const buildCsvTemplate = <E extends CsvEntity>(
  entity: E,
  lang: CsvLanguage,
): CsvTemplate => {
  const columns = csvColumns[entity];
  const example: ExampleRow<E> = exampleRows[entity][lang];
  return {
    header: columns.map((column) => csvColumnLabel(entity, column, lang)),
    rows: [columns.map((column) => example[column])],
  };
};
