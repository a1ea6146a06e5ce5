import { describe, expect, it } from "vitest";
import { updateCsSettings } from "../features/cs-settings/cs-settings.queries";
import { buildWorkspace, createTestContext } from "../test/context";
import { readCsModel } from "./cs-model";

const ctx = await createTestContext();

describe("the CS model as pages read it", () => {
  it("is kept between reads and read again after any write of the model", async () => {
    const { id: workspaceId } = await buildWorkspace(ctx);
    const first = await readCsModel(ctx.db, workspaceId);
    expect(await readCsModel(ctx.db, workspaceId)).toBe(first);

    const reasons = [{ key: "budget", label: { ja: "予算削減", en: "Budget cut" } }];
    await ctx.db.transaction((tx) => updateCsSettings(tx, { workspaceId, churnReasons: reasons }));
    const after = await readCsModel(ctx.db, workspaceId);
    expect(after).not.toBe(first);
    expect(after.churnReasons).toEqual(reasons);
  });
});
