import { describe, expect, it } from "vitest";
import { buildDefinition, editorFieldPaths, problemAliases, toEditorValues } from "./editor-model";
import { healthRed } from "./test-fixtures";

const invalidJson = (message: string) => `bad JSON: ${message}`;

describe("buildDefinition", () => {
  it("gives back the definition it was made from", () => {
    const built = buildDefinition(toEditorValues(healthRed), invalidJson);
    expect(built).toEqual({ ok: true, definition: healthRed });
  });

  it("folds a text with one language blank into a plain text, and drops an empty description", () => {
    const values = toEditorValues(healthRed);
    values.name = { ja: "赤への対応", en: "" };
    values.description = { ja: "", en: "" };
    const built = buildDefinition(values, invalidJson);
    expect(built.ok && built.definition.name).toBe("赤への対応");
    expect(built.ok && "description" in built.definition).toBe(false);
  });

  it("leaves empty band lists out (any band) and reads the conditions' JSON", () => {
    const values = toEditorValues(healthRed);
    values.trigger = { kind: "healthBandChanged", from: [], to: ["red"] };
    values.conditionsText = '{"field": "touchModel", "in": ["high"]}';
    const built = buildDefinition(values, invalidJson);
    expect(built.ok && built.definition.trigger).toEqual({
      kind: "healthBandChanged",
      to: ["red"],
    });
    expect(built.ok && built.definition.conditions).toEqual({ field: "touchModel", in: ["high"] });
  });

  it("names the JSON that does not parse, by field", () => {
    const values = toEditorValues(healthRed);
    values.conditionsText = "{ nope";
    const stop = values.steps[2];
    if (stop) stop.conditionText = "[";
    const built = buildDefinition(values, invalidJson);
    expect(built.ok).toBe(false);
    expect(!built.ok && Object.keys(built.errors).sort()).toEqual([
      "conditionsText",
      "steps.2.conditionText",
    ]);
  });
});

describe("problemAliases", () => {
  const fields = editorFieldPaths(toEditorValues(healthRed));
  const at = (pointer: string) => problemAliases([{ pointer, message: "x" }], fields);

  it("puts a problem at the field it names, or the nearest field above it", () => {
    expect(at("/definition/steps/0/title/ja")).toEqual({
      "definition.steps.0.title.ja": "steps.0.title.ja",
    });
    expect(at("/definition/trigger/to/0")).toEqual({ "definition.trigger.to.0": "trigger.to" });
    expect(at("/definition/steps/0/owner/userId")).toEqual({
      "definition.steps.0.owner.userId": "steps.0.owner",
    });
  });

  it("sends a conditions problem to its JSON text", () => {
    expect(at("/definition/conditions/all/0/in")).toEqual({
      "definition.conditions.all.0.in": "conditionsText",
    });
    expect(at("/definition/steps/2/condition/in/0")).toEqual({
      "definition.steps.2.condition.in.0": "steps.2.conditionText",
    });
  });

  it("leaves a problem of the whole playbook for the summary", () => {
    expect(at("/definition")).toEqual({});
    expect(at("/templateKey")).toEqual({});
  });
});
