import { describe, expect, it } from "vitest";
import {
  checkTemplate,
  localizedTemplateSchema,
  renderTemplate,
  templateFieldNames,
} from "./text-templates";

describe("checkTemplate", () => {
  it("lists the fields a template reads", () => {
    expect(checkTemplate("{{account.name}} 様 {{contact.name}} {{account.name}}")).toEqual({
      ok: true,
      fields: ["account.name", "contact.name"],
    });
    expect(checkTemplate("no fields")).toEqual({ ok: true, fields: [] });
  });

  it("refuses an unknown field, also inside a section", () => {
    const check = checkTemplate("Hello {{account.nmae}}");
    expect(check).toMatchObject({
      ok: false,
      problem: { code: "template-unknown-field", field: "account.nmae" },
    });
    expect(
      checkTemplate("{{#account.segment}}{{acount.segment}}{{/account.segment}}"),
    ).toMatchObject({
      ok: false,
      problem: { code: "template-unknown-field", field: "acount.segment" },
    });
  });

  it("refuses triple braces, partials and delimiter changes", () => {
    for (const template of [
      "{{{account.name}}}",
      "{{&account.name}}",
      "{{> header}}",
      "{{=<% %>=}}",
    ]) {
      expect(checkTemplate(template)).toMatchObject({
        ok: false,
        problem: { code: "template-unsupported-tag" },
      });
    }
  });

  it("reports a broken template as a syntax problem", () => {
    expect(checkTemplate("{{#account.name}} never closed")).toMatchObject({
      ok: false,
      problem: { code: "template-syntax" },
    });
    expect(checkTemplate("{{account.name")).toMatchObject({
      ok: false,
      problem: { code: "template-syntax" },
    });
  });
});

describe("renderTemplate", () => {
  it("fills in values; an empty or absent value renders as nothing", () => {
    expect(
      renderTemplate("{{account.name}} ({{account.segment}}) {{account.mrr}}", {
        "account.name": "秋津県庁",
        "account.segment": null,
        "account.mrr": "￥350,000",
      }),
    ).toBe("秋津県庁 () ￥350,000");
  });

  it("leaves values as they are in text and escapes them in HTML", () => {
    const values = { "account.name": `A&B <script>"x"</script>` };
    expect(renderTemplate("{{account.name}}", values, "text")).toBe(`A&B <script>"x"</script>`);
    expect(renderTemplate("<p>{{account.name}}</p>", values, "html")).toBe(
      "<p>A&amp;B &lt;script&gt;&quot;x&quot;&lt;&#x2F;script&gt;</p>",
    );
  });

  it("escapes values for a chat post so that a name cannot mention the whole channel", () => {
    const values = {
      "account.name": "<!channel> A&B",
      "account.url": "https://x.example/a?b=1&c=2",
    };
    expect(renderTemplate("<{{account.url}}|{{account.name}}>", values, "chat")).toBe(
      "<https://x.example/a?b=1&amp;c=2|&lt;!channel&gt; A&amp;B>",
    );
  });

  it("shows a section only when its field has a value", () => {
    const template =
      "{{#contact.name}}{{contact.name}} 様{{/contact.name}}{{^contact.name}}ご担当者様{{/contact.name}}";
    expect(renderTemplate(template, { "contact.name": "山田" })).toBe("山田 様");
    expect(renderTemplate(template, {})).toBe("ご担当者様");
  });

  it("throws on a template that should never have been saved", () => {
    expect(() => renderTemplate("{{nope}}", {})).toThrow(/unknown field/);
  });

  it("knows every field it offers", () => {
    for (const field of templateFieldNames) expect(checkTemplate(`{{${field}}}`).ok).toBe(true);
  });
});

describe("localizedTemplateSchema", () => {
  it("reports an unknown field at save time, with its code and where", () => {
    const parsed = localizedTemplateSchema(300).safeParse({
      ja: "{{account.name}}",
      en: "{{account.nam}}",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ["en"],
        params: { code: "template-unknown-field", field: "account.nam" },
      }),
    ]);
  });

  it("keeps zod's own problems (too long) as they are", () => {
    const parsed = localizedTemplateSchema(10).safeParse("x".repeat(11));
    expect(parsed.error?.issues[0]?.code).toBe("too_big");
  });
});
