import { type UsageLabels, usageLabelsSchema } from "@michi/core";
import { products } from "./demo-names";
import type { DemoProduct, demoEvents } from "./demo-usage-plan";

/*
 * The demo's event names and product keys, and what its screens call them.
 * Apart from the CS model so the e2e scan for raw codes can read them
 * without loading the server.
 */

/** Product keys of the maturity models (as in maturityLevel:<key>). */
export const demoMaturityProducts = { docs: "docs", workflow: "workflow", sign: "sign" } as const;

/** What the demo's events are called on screen, as the vendor's Japanese team would name them. */
const demoEventNames: Record<
  (typeof demoEvents)[DemoProduct][number][0],
  { ja: string; en: string }
> = {
  login: { ja: "ログイン", en: "Signed in" },
  document_viewed: { ja: "文書の閲覧", en: "Document viewed" },
  document_created: { ja: "文書の作成", en: "Document created" },
  document_edited: { ja: "文書の編集", en: "Document edited" },
  document_sent: { ja: "文書の送付", en: "Document sent" },
  comment_added: { ja: "コメントの追加", en: "Comment added" },
  search_performed: { ja: "検索", en: "Search" },
  template_used: { ja: "テンプレートの利用", en: "Template used" },
  document_shared: { ja: "文書の共有", en: "Document shared" },
  template_created: { ja: "テンプレートの作成", en: "Template created" },
  workflow_submitted: { ja: "申請", en: "Request submitted" },
  workflow_approved: { ja: "承認", en: "Request approved" },
  workflow_rejected: { ja: "差し戻し", en: "Request sent back" },
  workflow_created: { ja: "ワークフローの作成", en: "Workflow created" },
  signature_requested: { ja: "署名の依頼", en: "Signature requested" },
  signature_completed: { ja: "署名の完了", en: "Signature completed" },
  signature_reminded: { ja: "署名の催促", en: "Signature reminder sent" },
  signature_declined: { ja: "署名の拒否", en: "Signature declined" },
};

/** Every event the demo sends and its three products (the keys of the maturity models), named. */
export const demoUsageLabels: UsageLabels = usageLabelsSchema.parse({
  events: demoEventNames,
  products: {
    [demoMaturityProducts.docs]: { ja: products.docs, en: products.docs },
    [demoMaturityProducts.workflow]: { ja: products.workflow, en: products.workflow },
    [demoMaturityProducts.sign]: { ja: products.sign, en: products.sign },
  },
});
