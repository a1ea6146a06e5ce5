import { describe, expect, it } from "vitest";
import { maturityProductName } from "../lifecycle/maturity";
import { describeRule, metricRuleSchema } from "../lifecycle/rules";
import { describeMetric, metricRefSchema } from "./metric-ref";
import {
  displayNameOf,
  emptyUsageLabels,
  type UsageLabels,
  usageKeysOfMetrics,
  usageLabelsSchema,
} from "./usage-labels";

const labels: UsageLabels = {
  events: {
    document_created: { ja: "文書作成", en: "Document created" },
    login: { ja: "ログイン" },
  },
  products: { docs: { ja: "Michi 文書", en: "Michi Docs" } },
};

describe("usage labels", () => {
  it("name an event or product in the language, else the other one, else the raw key", () => {
    expect(displayNameOf(labels, "event", "document_created", "ja")).toBe("文書作成");
    expect(displayNameOf(labels, "event", "document_created", "en")).toBe("Document created");
    expect(displayNameOf(labels, "event", "login", "en")).toBe("ログイン");
    expect(displayNameOf(labels, "event", "document_sent", "ja")).toBe("document_sent");
    expect(displayNameOf(labels, "product", "docs", "en")).toBe("Michi Docs");
    // An event is not a product, and an inherited property is not a label.
    expect(displayNameOf(labels, "product", "document_created", "ja")).toBe("document_created");
    expect(displayNameOf(labels, "event", "constructor", "ja")).toBe("constructor");
    expect(displayNameOf(undefined, "event", "login", "ja")).toBe("login");
  });

  it("accept one language or both, and refuse empty texts, bad product keys and extra fields", () => {
    expect(usageLabelsSchema.parse(labels)).toEqual(labels);
    expect(usageLabelsSchema.parse(emptyUsageLabels)).toEqual(emptyUsageLabels);
    const bad = usageLabelsSchema.safeParse({
      events: { login: { ja: " " } },
      products: { "my docs": { en: "Docs" } },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toContain("events.login.ja");
    expect(paths).toContain("products.my docs");
    expect(usageLabelsSchema.safeParse({ events: { x: { fr: "x" } }, products: {} }).success).toBe(
      false,
    );
    expect(usageLabelsSchema.safeParse({ events: {} }).success).toBe(false);
  });

  it("word metrics and rules with the labels, the raw name where there is none", () => {
    const count = metricRefSchema.parse("eventCount:30d:document_created");
    expect(describeMetric(count, "ja", labels)).toBe("30日間の「文書作成」の回数");
    expect(describeMetric(count, "en", labels)).toBe('"Document created" events in 30 days');
    expect(describeMetric(count, "ja")).toBe("30日間の「document_created」の回数");
    const rule = metricRuleSchema.parse({
      all: [
        { metric: "maturityLevel:docs", op: ">=", value: 3 },
        { metric: "eventsPerSeat:30d:document_sent", op: ">=", value: 2 },
      ],
    });
    expect(describeRule(rule, "ja", labels)).toBe(
      "Michi 文書 の成熟度レベル ≥ Lv.3 かつ 30日間のライセンス1つあたりの「document_sent」の回数 ≥ 2",
    );
  });

  it("list the events and products metrics read, each once", () => {
    const refs = [
      "eventCount:30d:login",
      "eventCountChange:7d",
      "eventsPerActiveUser:30d:login",
      "eventsPerSeat:30d:document_sent",
      "maturityLevel:docs",
      "maturityLevel",
      "activeUsers:30d",
    ].map((key) => metricRefSchema.parse(key));
    expect(usageKeysOfMetrics(refs)).toEqual({
      events: ["login", "document_sent"],
      products: ["docs"],
    });
  });
});

describe("maturityProductName", () => {
  it("prefers the workspace's label, then the model's name, then the key", () => {
    const model = { product: "docs", name: { ja: "文書", en: "Docs" } };
    expect(maturityProductName(model, labels, "ja")).toBe("Michi 文書");
    expect(maturityProductName(model, emptyUsageLabels, "en")).toBe("Docs");
    expect(maturityProductName({ product: "sign" }, labels, "ja")).toBe("sign");
  });
});
