import { describe, expect, it } from "vitest";
import {
  accountPicklistsSchema,
  findPicklistOption,
  picklistLabel,
  resolvePicklistValue,
} from "./picklists";

const segments = [
  { value: "enterprise", label: { ja: "エンタープライズ", en: "Enterprise" } },
  { value: "smb", label: { ja: "中小企業", en: "SMB" } },
];

describe("account picklists", () => {
  it("find an option by its value or its label in either language", () => {
    expect(findPicklistOption(segments, "smb")?.value).toBe("smb");
    expect(findPicklistOption(segments, " 中小企業 ")?.value).toBe("smb");
    expect(findPicklistOption(segments, "ＥＮＴＥＲＰＲＩＳＥ")?.value).toBe("enterprise");
    expect(findPicklistOption(segments, "mid")).toBeUndefined();
  });

  it("resolve a text to the value stored, free text while the list is empty", () => {
    expect(resolvePicklistValue(segments, "エンタープライズ")).toEqual({ value: "enterprise" });
    expect(resolvePicklistValue([], "anything")).toEqual({ value: "anything" });
    expect(resolvePicklistValue(segments, "mid-market")).toEqual({
      error: "must be one of the workspace's options: enterprise, smb",
      options: ["enterprise", "smb"],
    });
  });

  it("label a stored value in the UI language, an unknown one as it is", () => {
    expect(picklistLabel(segments, "smb", "ja")).toBe("中小企業");
    expect(picklistLabel(segments, "smb", "en")).toBe("SMB");
    expect(picklistLabel(segments, "legacy", "ja")).toBe("legacy");
  });

  it("refuse a repeated value", () => {
    const result = accountPicklistsSchema.safeParse({
      industry: [],
      segment: [...segments, { value: "SMB", label: "x" }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["segment", 2, "value"]);
  });
});
